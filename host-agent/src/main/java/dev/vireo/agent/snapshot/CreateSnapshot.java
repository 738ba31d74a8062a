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
 * CREATE_SNAPSHOT: an internal snapshot inside the VM's qcow2 disk.
 * <ul>
 *   <li>Running or paused domain: through libvirt ({@code virDomainSnapshotCreateXML}, flags 0, memory and
 *   disk internal), which pauses the guest while QEMU saves its memory into the disk. Only with memory:
 *   libvirt refuses an internal snapshot of a running domain without it ("internal snapshot of a running VM
 *   must include the memory state", libvirt 9.0), and its disk-only flag makes external overlay files
 *   instead. The reply's text is the snapshot XML; libvirt's metadata is then dropped (see
 *   {@link Snapshots#dropMetadata}).</li>
 *   <li>Domain shut off or not defined here: {@code qemu-img snapshot -c} on the disk, which is what libvirt
 *   itself runs for an inactive domain, without needing the domain on this host. qemu-img's image lock
 *   refuses it should a QEMU have the disk open after all.</li>
 * </ul>
 */
public final class CreateSnapshot implements DomainCommand {
    private final Snapshots snapshots;

    public CreateSnapshot(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public CommandAction action() {
        return CommandAction.CREATE_SNAPSHOT;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        long t0 = System.nanoTime();
        SnapshotSpec spec = Snapshots.spec(command);
        Path disk = snapshots.disk(spec);
        if (snapshots.inside(disk).containsKey(spec.name())) {
            throw CommandFailure.invalid("disk " + disk + " holds a snapshot " + spec.name() + " already");
        }
        Optional<Domain> found = snapshots.domain(vmId);
        DomainState state = Snapshots.state(found);
        if (state == DomainState.SHUTTING_DOWN) {
            throw CommandFailure.invalid("domain of VM " + vmId + " is shutting down; snapshot it once it is down");
        }
        if (DomainStates.isActive(state)) {
            if (!spec.includeMemory()) {
                throw CommandFailure.invalid("the VM runs: an internal snapshot of a running VM includes its memory "
                        + "(libvirt refuses one without); snapshot it with memory, or stop it for a disk-only snapshot");
            }
            Domain domain = found.get();
            snapshots.progress(command, 30, "saving the guest's memory and disk into the disk image");
            DomainSnapshot snapshot = domain.snapshotCreateXML(SnapshotXml.create(spec), 0);
            String xml;
            try {
                xml = snapshot.getXMLDesc();
            } finally {
                Snapshots.dropMetadata(domain, spec.name());
            }
            return new Outcome(Snapshots.status(found, vmId), xml,
                    Snapshots.figures(t0, snapshots.inside(disk).get(spec.name())));
        }
        if (spec.includeMemory()) {
            throw CommandFailure.invalid("the VM is down: it has no memory to save; snapshot its disk only");
        }
        snapshots.progress(command, 30, "snapshotting the disk with qemu-img");
        snapshots.qemuImg("-c", spec.name(), disk);
        return new Outcome(Snapshots.status(found, vmId), null, Snapshots.figures(t0, 0L));
    }
}
