package dev.vireo.engine.agents;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.ConsoleSpec;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.Json;
import dev.vireo.protocol.MigrationSpec;
import dev.vireo.protocol.NicSpec;
import dev.vireo.protocol.SnapshotSpec;
import dev.vireo.protocol.VolumeSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends a command to a host's agent and hands back its reply as a future. Replies are matched by command
 * id; a future fails when the agent disconnects or does not answer in time.
 */
@ApplicationScoped
public class AgentCommands {
    private static final Logger LOG = Logger.getLogger(AgentCommands.class);

    private record Pending(UUID hostId, CompletableFuture<AgentMessage.Reply> future,
                           Consumer<AgentMessage.Progress> onProgress) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    @Inject
    AgentSessions sessions;

    public CompletableFuture<AgentMessage.Reply> send(UUID hostId, CommandAction action, UUID vmId, DomainSpec spec,
                                                      Integer maxBytes, Duration timeout) {
        return send(hostId, action, vmId, spec, maxBytes, null, timeout);
    }

    public CompletableFuture<AgentMessage.Reply> send(UUID hostId, CommandAction action, UUID vmId, DomainSpec spec,
                                                      Integer maxBytes, MigrationSpec migration, Duration timeout) {
        return send(hostId, action, vmId, spec, maxBytes, migration, p -> { }, timeout);
    }

    /** @param onProgress called with the agent's progress frames for this command, on the websocket's worker thread */
    public CompletableFuture<AgentMessage.Reply> send(UUID hostId, CommandAction action, UUID vmId, DomainSpec spec,
                                                      Integer maxBytes, MigrationSpec migration,
                                                      Consumer<AgentMessage.Progress> onProgress, Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, vmId == null ? null : vmId.toString(),
                spec, maxBytes, migration), onProgress, timeout);
    }

    /** Sets a one-time VNC password on the running domain; the reply's figures carry {@code vnc_port}. */
    public CompletableFuture<AgentMessage.Reply> setConsolePassword(UUID hostId, UUID vmId, ConsoleSpec console,
                                                                    Duration timeout) {
        return dispatch(hostId, CommandAction.SET_CONSOLE_PASSWORD, id -> new AgentMessage.Command(id,
                CommandAction.SET_CONSOLE_PASSWORD, vmId.toString(), null, null, null, console), p -> { }, timeout);
    }

    /** A volume command; {@code diskId} is its subject (commands for one disk run one after another). */
    public CompletableFuture<AgentMessage.Reply> send(UUID hostId, CommandAction action, UUID diskId, VolumeSpec volume,
                                                      Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, diskId.toString(), null, null, null,
                null, volume), p -> { }, timeout);
    }

    /** A snapshot command for the VM; the agent reports its steps through {@code onProgress}. */
    public CompletableFuture<AgentMessage.Reply> snapshot(UUID hostId, CommandAction action, UUID vmId,
                                                          SnapshotSpec snapshot, Consumer<AgentMessage.Progress> onProgress,
                                                          Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, vmId.toString(), null, null, null,
                null, null, snapshot), onProgress, timeout);
    }

    /**
     * A host network command; its subject is the setup (the job id), so a CONFIRM_NETWORKS runs beside the
     * SETUP_NETWORKS it confirms.
     */
    public CompletableFuture<AgentMessage.Reply> network(UUID hostId, CommandAction action, UUID setupId,
                                                         dev.vireo.protocol.NetworkSetupSpec spec,
                                                         Consumer<AgentMessage.Progress> onProgress, Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, setupId.toString(), null, null, null,
                null, null, null, spec), onProgress, timeout);
    }

    /** Hot-plugs or unplugs a disk of the running VM (ATTACH_DISK, DETACH_DISK). */
    public CompletableFuture<AgentMessage.Reply> disk(UUID hostId, CommandAction action, UUID vmId, DiskSpec disk,
                                                      Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, vmId.toString(), null, null, null,
                null, null, null, null, disk), p -> { }, timeout);
    }

    /** Hot-plugs or unplugs a NIC of the running VM (ATTACH_NIC, DETACH_NIC). */
    public CompletableFuture<AgentMessage.Reply> nic(UUID hostId, CommandAction action, UUID vmId, NicSpec nic,
                                                     Duration timeout) {
        return dispatch(hostId, action, id -> new AgentMessage.Command(id, action, vmId.toString(), null, null, null,
                null, null, null, null, null, nic), p -> { }, timeout);
    }

    private CompletableFuture<AgentMessage.Reply> dispatch(UUID hostId, CommandAction action,
                                                           Function<String, AgentMessage.Command> command,
                                                           Consumer<AgentMessage.Progress> onProgress, Duration timeout) {
        var connection = sessions.connection(hostId)
                .orElseThrow(() -> new AgentUnavailableException("the host's agent is not connected"));
        String id = UUID.randomUUID().toString();
        CompletableFuture<AgentMessage.Reply> future = new CompletableFuture<>();
        pending.put(id, new Pending(hostId, future, onProgress));
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((reply, error) -> pending.remove(id));
        String frame = Json.write(command.apply(id));
        connection.sendText(frame).subscribe().with(ok -> { }, error -> {
            LOG.warnf("sending %s to host %s failed: %s", action, hostId, error.getMessage());
            future.completeExceptionally(new AgentUnavailableException("sending to the host's agent failed: " + error.getMessage()));
        });
        return future;
    }

    /** Called for every reply frame. */
    void complete(AgentMessage.Reply reply) {
        Pending p = pending.remove(reply.commandId());
        if (p == null) {
            LOG.debugf("reply to unknown or timed-out command %s", reply.commandId());
            return;
        }
        p.future().complete(reply);
    }

    /** Called for every progress frame. */
    void progress(AgentMessage.Progress progress) {
        Pending p = pending.get(progress.commandId());
        if (p != null) {
            try {
                p.onProgress().accept(progress);
            } catch (RuntimeException e) {
                LOG.warnf("handling progress of command %s failed: %s", progress.commandId(), e.getMessage());
            }
        }
    }

    /** The agent went away: nobody will answer its pending commands. */
    void failAll(UUID hostId) {
        pending.values().removeIf(p -> {
            if (p.hostId().equals(hostId)) {
                p.future().completeExceptionally(new AgentUnavailableException("the host's agent disconnected"));
                return true;
            }
            return false;
        });
    }

    /** Readable text for a failed future. */
    public static String describe(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (t instanceof TimeoutException) {
            return "the host's agent did not answer in time";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
