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

import java.nio.file.Path;
import java.util.Optional;

/**
 * REVERT_SNAPSHOT: the VM as it was at the snapshot.
 * <ul>
 *   <li>Memory snapshot: the domain must be running or paused here. libvirt's metadata is redefined from the
 *   snapshot XML ({@code REDEFINE}), {@code virDomainRevertToSnapshot} restarts QEMU from the saved state
 *   (the guest runs on from that moment, or stays paused if it was), and the metadata is dropped again. A
 *   VM that is down is not started by a revert: that would bypass placement.</li>
 *   <li>Disk-only snapshot: a running domain is powered off (a disk snapshot has no memory to go on with),
 *   then {@code qemu-img snapshot -a} puts the disk back; the domain ends shut off.</li>
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
        Path disk = snapshots.disk(spec);
        Long vmState = snapshots.inside(disk).get(spec.name());
        if (vmState == null) {
            throw CommandFailure.notFound("disk " + disk + " holds no snapshot " + spec.name());
        }
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
            String xml = SnapshotXml.forRedefine(spec.libvirtXml(), spec.name(), vmId);
            DomainSnapshot snapshot = domain.snapshotCreateXML(xml, Domain.SnapshotCreateFlags.REDEFINE);
            try {
                snapshots.progress(command, 40, "loading the guest's memory and disk from the snapshot");
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
        snapshots.progress(command, 60, "putting the disk back with qemu-img");
        snapshots.qemuImg("-a", spec.name(), disk);
        return new Outcome(Snapshots.status(found, vmId), null, Snapshots.figures(t0, vmState));
    }
}
