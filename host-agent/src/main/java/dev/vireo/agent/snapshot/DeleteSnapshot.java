package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.SnapshotSpec;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DELETE_SNAPSHOT: removes a snapshot from each disk it covers; a disk that no longer holds it (or is gone)
 * counts as done, so a retry after a lost reply or a failure midway succeeds.
 * <ul>
 *   <li>Running or paused domain: QEMU has the disks open, so libvirt deletes it through QEMU from every disk
 *   at once ({@link Snapshots#removeLive}), and the disks are checked afterwards.</li>
 *   <li>Otherwise {@code qemu-img snapshot -d} on each disk that holds it ({@link DiskByDisk}).</li>
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
        List<Snapshots.Volume> disks = new ArrayList<>();
        for (SnapshotSpec.Disk d : spec.covered()) {
            try {
                disks.add(new Snapshots.Volume(d.target(), snapshots.disk(d.path())));
            } catch (CommandFailure e) {
                if (!CommandFailure.NOT_FOUND.equals(e.kind())) {
                    throw e;
                }
                // the disk went, and its snapshots with it
            }
        }
        List<Snapshots.Volume> holding = snapshots.holding(disks, spec.name());
        if (holding.isEmpty()) {
            return gone(t0);
        }
        Optional<Domain> found = snapshots.domain(vmId);
        if (DomainStates.isActive(Snapshots.state(found))) {
            snapshots.progress(command, 40, "removing the snapshot from the running VM's " + Snapshots.targets(holding));
            snapshots.removeLive(found.get(), vmId, spec.name(), spec.includeMemory() ? spec.libvirtXml() : null, holding);
        } else {
            snapshots.progress(command, 40, "removing the snapshot from " + Snapshots.targets(holding) + " with qemu-img");
            new DiskByDisk(snapshots).delete(spec.name(), holding);
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
