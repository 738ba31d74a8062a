package dev.vireo.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Map;

/**
 * The frames that travel over the agent's websocket, as JSON with a {@code type} discriminator.
 * The agent dials the engine; after that both sides may send at any time.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = AgentMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = AgentMessage.StateReport.class, name = "state-report"),
        @JsonSubTypes.Type(value = AgentMessage.Lifecycle.class, name = "lifecycle"),
        @JsonSubTypes.Type(value = AgentMessage.Command.class, name = "command"),
        @JsonSubTypes.Type(value = AgentMessage.Reply.class, name = "reply"),
        @JsonSubTypes.Type(value = AgentMessage.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = AgentMessage.HostNics.class, name = "host-nics"),
        @JsonSubTypes.Type(value = AgentMessage.NetworkRollback.class, name = "network-rollback"),
        @JsonSubTypes.Type(value = AgentMessage.GuestReport.class, name = "guest-report"),
})
public sealed interface AgentMessage {

    /** agent → engine, first frame after connecting */
    record Hello(HostFacts facts) implements AgentMessage {
    }

    /** agent → engine, every few seconds */
    record Heartbeat(long sentAtMillis, int runningDomains, long freeMemoryMiB) implements AgentMessage {
    }

    /**
     * agent → engine: every domain the host has, so the engine can reconcile
     *
     * @param sentAtMillis when the agent sent it (epoch ms; 0 from older agents): the engine measures its lag
     */
    record StateReport(List<DomainStatus> domains, long sentAtMillis) implements AgentMessage {
        public StateReport(List<DomainStatus> domains) {
            this(domains, System.currentTimeMillis());
        }
    }

    /** agent → engine: a libvirt lifecycle event */
    record Lifecycle(DomainStatus domain, String event, String detail) implements AgentMessage {
    }

    /** agent → engine, with every state report: the host's NICs, bonds and bridges as they are now */
    record HostNics(List<HostNic> nics) implements AgentMessage {
    }

    /**
     * agent → engine: a network setup was not confirmed in time and the previous one is back. Sent as soon as
     * the agent is connected again (the reply to SETUP_NETWORKS may have been lost with the link).
     */
    record NetworkRollback(String setupId, String reason) implements AgentMessage {
    }

    /** agent → engine: what a running VM's guest agent says, sent when it changes (and again now and then) */
    record GuestReport(GuestInfo guest) implements AgentMessage {
    }

    /**
     * agent → engine, while a long command runs (a migration): how far it is, in words and figures
     * (memory_total_bytes, memory_remaining_bytes, data_processed_bytes, elapsed_ms …).
     */
    record Progress(String commandId, int percent, String step, Map<String, Long> figures) implements AgentMessage {
    }

    /**
     * engine → agent. {@code vmId} is the subject of the command: the VM, or the disk for volume
     * commands; commands for one subject run one after another.
     */
    record Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                   MigrationSpec migration, ConsoleSpec console, VolumeSpec volume,
                   SnapshotSpec snapshot, NetworkSetupSpec network, DiskSpec disk, NicSpec nic) implements AgentMessage {

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration, ConsoleSpec console, VolumeSpec volume, SnapshotSpec snapshot,
                       NetworkSetupSpec network, DiskSpec disk) {
            this(id, action, vmId, spec, maxBytes, migration, console, volume, snapshot, network, disk, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration, ConsoleSpec console, VolumeSpec volume, SnapshotSpec snapshot,
                       NetworkSetupSpec network) {
            this(id, action, vmId, spec, maxBytes, migration, console, volume, snapshot, network, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration, ConsoleSpec console, VolumeSpec volume, SnapshotSpec snapshot) {
            this(id, action, vmId, spec, maxBytes, migration, console, volume, snapshot, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration, ConsoleSpec console, VolumeSpec volume) {
            this(id, action, vmId, spec, maxBytes, migration, console, volume, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration, ConsoleSpec console) {
            this(id, action, vmId, spec, maxBytes, migration, console, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes,
                       MigrationSpec migration) {
            this(id, action, vmId, spec, maxBytes, migration, null);
        }

        public Command(String id, CommandAction action, String vmId, DomainSpec spec, Integer maxBytes) {
            this(id, action, vmId, spec, maxBytes, null);
        }
    }

    /**
     * agent → engine, answering one {@link Command}.
     *
     * @param error     null when the command succeeded; a human message otherwise
     * @param errorKind a short machine-readable kind ("invalid", "not-found", "libvirt")
     * @param domain    the domain after the command, when there is one
     * @param text      text output (serial log)
     * @param figures   measurements of the finished command (a migration's downtime_ms, time_ms, data_bytes …)
     */
    record Reply(String commandId, String error, String errorKind, DomainStatus domain, String text,
                 Map<String, Long> figures) implements AgentMessage {

        public Reply(String commandId, String error, String errorKind, DomainStatus domain, String text) {
            this(commandId, error, errorKind, domain, text, null);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
