package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.SnapshotSpec;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * REVERT_SNAPSHOT: the VM as it was at the snapshot, every disk it covers. Every covered disk must hold the
 * snapshot before anything is changed.
 * <ul>
 *   <li>Memory snapshot: the domain must be running or paused here, with the covered disks on their devices.
 *   libvirt's metadata is redefined from the snapshot XML ({@code REDEFINE}), {@code virDomainRevertToSnapshot}
 *   restarts QEMU from the saved state (the guest runs on from that moment, or stays paused if it was; QEMU's
 *   loadvm checks every disk holds the snapshot before it loads any), and the metadata is dropped again. A VM
 *   that is down is not started by a revert: that would bypass placement.</li>
 *   <li>Disk-only snapshot: a running domain is powered off (a disk snapshot has no memory to go on with),
 *   then {@code qemu-img snapshot -a} puts each disk back, undone on the disks before one that fails
 *   ({@link DiskByDisk}); the domain ends shut off.</li>
 * </ul>
 */
public final class RevertSnapshot implements DomainCommand {
    private final Snapshots snapshots;

    public RevertSnapshot(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public CommandAction action() {
        return CommandAction.REVERT_SNAPSHOT;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        long t0 = System.nanoTime();
        SnapshotSpec spec = Snapshots.spec(command);
        List<Snapshots.Volume> disks = snapshots.disks(spec);
        List<Snapshots.Volume> holding = snapshots.holding(disks, spec.name());
        if (holding.size() < disks.size()) {
            List<Snapshots.Volume> missing = new ArrayList<>(disks);
            missing.removeAll(holding);
            throw CommandFailure.notFound(missing.stream().map(v -> "disk " + v.target() + " (" + v.path() + ")")
                    .collect(Collectors.joining(", ")) + " holds no snapshot " + spec.name());
        }
        Long vmState = snapshots.vmState(disks, spec.name());
        Optional<Domain> found = snapshots.domain(vmId);
        DomainState state = Snapshots.state(found);
        if (spec.includeMemory()) {
            if (!DomainStates.isActive(state)) {
                throw CommandFailure.invalid("the VM is down: a snapshot with memory brings back a running guest; "
                        + "start the VM, then revert");
            }
            if (spec.libvirtXml() == null) {
                throw CommandFailure.invalid("reverting a snapshot with memory needs its libvirt XML");
            }
            Domain domain = found.get();
            Snapshots.leftOut(domain.getXMLDesc(0), disks);
            String xml = SnapshotXml.forRedefine(spec.libvirtXml(), spec.name(), vmId);
            DomainSnapshot snapshot = domain.snapshotCreateXML(xml, Domain.SnapshotCreateFlags.REDEFINE);
            try {
                snapshots.progress(command, 40, "loading the guest's memory and " + Snapshots.targets(disks) + " from the snapshot");
                domain.revertToSnapshot(snapshot);
            } finally {
                Snapshots.dropMetadata(domain, spec.name());
            }
            return new Outcome(Snapshots.status(found, vmId), null, Snapshots.figures(t0, vmState));
        }
        if (DomainStates.isActive(state)) {
            snapshots.progress(command, 30, "powering the VM off: a disk-only snapshot has no memory to go on with");
            found.get().destroy();
        }
        snapshots.progress(command, 60, "putting " + Snapshots.targets(disks) + " back with qemu-img");
        new DiskByDisk(snapshots).revert(spec.name(), disks);
        return new Outcome(Snapshots.status(found, vmId), null, Snapshots.figures(t0, vmState));
    }
}
