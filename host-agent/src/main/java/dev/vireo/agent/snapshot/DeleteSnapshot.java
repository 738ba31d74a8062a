package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.SnapshotSpec;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * DELETE_SNAPSHOT: removes a snapshot from the VM's disk; one that is already gone (or whose disk is) counts
 * as deleted, so a retry after a lost reply succeeds.
 * <ul>
 *   <li>Running or paused domain: QEMU has the disk open, so libvirt deletes it through QEMU: the metadata
 *   is redefined (from the snapshot XML, or made up for a disk-only snapshot) and
 *   {@code virDomainSnapshotDelete} removes snapshot and metadata. libvirt ignores QEMU's errors there, so
 *   the disk is checked afterwards.</li>
 *   <li>Otherwise {@code qemu-img snapshot -d}.</li>
 * </ul>
 */
public final class DeleteSnapshot implements DomainCommand {
    private final Snapshots snapshots;

    public DeleteSnapshot(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public CommandAction action() {
        return CommandAction.DELETE_SNAPSHOT;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        long t0 = System.nanoTime();
        SnapshotSpec spec = Snapshots.spec(command);
        Path disk;
        try {
            disk = snapshots.disk(spec);
        } catch (CommandFailure e) {
            if (CommandFailure.NOT_FOUND.equals(e.kind())) {
                return gone(t0);   // the disk went, and its snapshots with it
            }
            throw e;
        }
        if (!snapshots.inside(disk).containsKey(spec.name())) {
            return gone(t0);
        }
        Optional<Domain> found = snapshots.domain(vmId);
        if (DomainStates.isActive(Snapshots.state(found))) {
            Domain domain = found.get();
            String xml = spec.includeMemory() && spec.libvirtXml() != null
                    ? SnapshotXml.forRedefine(spec.libvirtXml(), spec.name(), vmId)
                    : SnapshotXml.diskOnlyForRedefine(spec.name(), domain.getXMLDesc(Domain.XMLFlags.INACTIVE), Instant.now());
            DomainSnapshot snapshot = domain.snapshotCreateXML(xml, Domain.SnapshotCreateFlags.REDEFINE);
            snapshots.progress(command, 40, "removing the snapshot from the running VM's disk");
            try {
                snapshot.delete(0);
            } catch (LibvirtException e) {
                Snapshots.dropMetadata(domain, spec.name());
                throw e;
            }
            if (snapshots.inside(disk).containsKey(spec.name())) {
                throw new CommandFailure(CommandFailure.LIBVIRT, "QEMU did not remove snapshot " + spec.name()
                        + " from disk " + disk + " (libvirt does not pass QEMU's error on); the snapshot is still there");
            }
        } else {
            snapshots.progress(command, 40, "removing the snapshot from the disk with qemu-img");
            snapshots.qemuImg("-d", spec.name(), disk);
        }
        Map<String, Long> figures = Snapshots.figures(t0, null);
        figures.put("deleted", 1L);
        return new Outcome(Snapshots.status(found, vmId), null, figures);
    }

    private static Outcome gone(long t0) {
        Map<String, Long> figures = Snapshots.figures(t0, null);
        figures.put("deleted", 0L);
        return new Outcome(null, null, figures);
    }
}
