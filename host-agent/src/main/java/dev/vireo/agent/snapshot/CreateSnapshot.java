package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.LibvirtErrors;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.SnapshotSpec;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.jboss.logging.Logger;
import org.libvirt.LibvirtException;

import java.util.List;
import java.util.Optional;

/**
 * CREATE_SNAPSHOT: an internal snapshot inside each of the VM's qcow2 disks, under one name.
 * <ul>
 *   <li>Running or paused domain: through libvirt ({@code virDomainSnapshotCreateXML}, flags 0, memory and
 *   disks internal), which pauses the guest while QEMU saves its memory into one disk and snapshots every
 *   covered disk (its {@code savevm}). Only with memory: libvirt refuses an internal snapshot of a running
 *   domain without it ("internal snapshot of a running VM must include the memory state", libvirt 9.0), and
 *   its disk-only flag makes external overlay files instead. The CD-ROM is left out; a writable disk that is
 *   not covered (a shareable raw disk) is refused, since libvirt cannot leave it out. QEMU does not take back
 *   what it made on the first disks when a later one fails: that is removed again here. The reply's text is
 *   the snapshot XML; libvirt's metadata is then dropped (see {@link Snapshots#dropMetadata}).</li>
 *   <li>Domain shut off or not defined here: {@code qemu-img snapshot -c} on each disk, which is what libvirt
 *   itself runs for an inactive domain, without needing the domain on this host; a disk that fails takes
 *   the snapshot off the disks before it ({@link DiskByDisk}). qemu-img's image lock refuses it should a
 *   QEMU have a disk open after all.</li>
 * </ul>
 */
public final class CreateSnapshot implements DomainCommand {
    private static final Logger LOG = Logger.getLogger(CreateSnapshot.class);
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
        List<Snapshots.Volume> disks = snapshots.disks(spec);
        List<Snapshots.Volume> already = snapshots.holding(disks, spec.name());
        if (!already.isEmpty()) {
            throw CommandFailure.invalid("disk " + already.get(0).path() + " holds a snapshot " + spec.name() + " already");
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
            List<String> leftOut = Snapshots.leftOut(domain.getXMLDesc(0), disks);
            snapshots.progress(command, 30, "saving the guest's memory and " + Snapshots.targets(disks) + " into the disk images");
            DomainSnapshot snapshot;
            try {
                snapshot = domain.snapshotCreateXML(SnapshotXml.create(spec,
                        disks.stream().map(Snapshots.Volume::target).toList(), leftOut), 0);
            } catch (LibvirtException e) {
                throw new CommandFailure(CommandFailure.LIBVIRT, LibvirtErrors.message(e) + undoLive(domain, vmId, spec, disks));
            }
            String xml;
            try {
                xml = snapshot.getXMLDesc();
            } finally {
                Snapshots.dropMetadata(domain, spec.name());
            }
            return new Outcome(Snapshots.status(found, vmId), xml, Snapshots.figures(t0, snapshots.vmState(disks, spec.name())));
        }
        if (spec.includeMemory()) {
            throw CommandFailure.invalid("the VM is down: it has no memory to save; snapshot its disk only");
        }
        snapshots.progress(command, 30, "snapshotting " + Snapshots.targets(disks) + " with qemu-img");
        new DiskByDisk(snapshots).create(spec.name(), disks);
        return new Outcome(Snapshots.status(found, vmId), null, Snapshots.figures(t0, 0L));
    }

    /**
     * After libvirt failed: QEMU may have made the snapshot on the first disks before a later one failed
     * (its savevm does not take them back); removes it from those through QEMU. What to add to the error.
     */
    private String undoLive(Domain domain, String vmId, SnapshotSpec spec, List<Snapshots.Volume> disks) {
        try {
            List<Snapshots.Volume> partial = snapshots.holding(disks, spec.name());
            if (partial.isEmpty()) {
                return "";
            }
            snapshots.removeLive(domain, vmId, spec.name(), null, partial);
            return "; " + Snapshots.targets(partial) + " had it removed again";
        } catch (CommandFailure | LibvirtException e) {
            String why = e instanceof LibvirtException le ? LibvirtErrors.message(le) : e.getMessage();
            LOG.errorf("snapshot %s of VM %s failed midway and could not be undone: %s", spec.name(), vmId, why);
            return "; undoing it on the disks that got it failed too: " + why;
        }
    }
}
