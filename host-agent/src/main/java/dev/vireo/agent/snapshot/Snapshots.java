package dev.vireo.agent.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.LibvirtErrors;
import dev.vireo.agent.libvirt.SafeXml;
import dev.vireo.agent.storage.QemuImg;
import dev.vireo.agent.storage.VolumePaths;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.SnapshotSpec;
import org.jboss.logging.Logger;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the snapshot commands share: checking the spec, the VM's qcow2 disk and the snapshots inside it,
 * the VM's domain on this host, and dropping libvirt's metadata once a command is done with it.
 */
public final class Snapshots {
    private static final Logger LOG = Logger.getLogger(Snapshots.class);
    static final Pattern TARGET = Pattern.compile("vd[a-z]");
    static final Pattern NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_DESCRIPTION = 1024;

    private final DomainInventory inventory;
    private final VolumePaths paths;
    private final QemuImg qemuImg;
    private final ProgressSink progress;

    public Snapshots(DomainInventory inventory, VolumePaths paths, QemuImg qemuImg, ProgressSink progress) {
        this.inventory = inventory;
        this.paths = paths;
        this.qemuImg = qemuImg;
        this.progress = progress;
    }

    /** The command's snapshot, checked: its name an id, its description XML-safe text. */
    static SnapshotSpec spec(AgentMessage.Command command) throws CommandFailure {
        SnapshotSpec spec = command.snapshot();
        if (spec == null) {
            throw CommandFailure.invalid(command.action() + " needs a snapshot");
        }
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw CommandFailure.invalid("a snapshot's name is the engine's snapshot id (a lower-case UUID), not "
                    + (spec.name() == null ? "nothing" : "'" + abbreviate(spec.name()) + "'"));
        }
        checkDescription(spec.description());
        return spec;
    }

    static void checkDescription(String description) throws CommandFailure {
        if (description == null) {
            return;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw CommandFailure.invalid("a snapshot's description has at most " + MAX_DESCRIPTION + " characters");
        }
        for (int i = 0; i < description.length(); ) {
            int c = description.codePointAt(i);
            // the characters XML 1.0 can hold: no other control characters, no lone surrogate halves
            boolean legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            if (!legal) {
                throw CommandFailure.invalid("a snapshot's description cannot hold character U+"
                        + String.format("%04X", c) + " (at " + i + ")");
            }
            i += Character.charCount(c);
        }
    }

    /** A disk the snapshot covers: its guest device and its qcow2 volume, checked. */
    record Volume(String target, Path path) {
    }

    /**
     * The disks the snapshot covers, each an existing qcow2 volume inside the image directories, on its own
     * guest device. A disk that is missing is a NOT_FOUND failure naming it.
     */
    List<Volume> disks(SnapshotSpec spec) throws CommandFailure {
        List<SnapshotSpec.Disk> covered = spec.covered();
        if (covered.isEmpty()) {
            throw CommandFailure.invalid("a snapshot covers at least one disk");
        }
        Set<String> targets = new HashSet<>();
        List<Volume> volumes = new ArrayList<>();
        for (SnapshotSpec.Disk d : covered) {
            if (d == null || d.target() == null || !TARGET.matcher(d.target()).matches() || !targets.add(d.target())) {
                throw CommandFailure.invalid("a snapshot's disks are on distinct guest devices vda … vdz, not "
                        + (d == null || d.target() == null ? "nothing" : "'" + abbreviate(d.target()) + "'"));
            }
            volumes.add(new Volume(d.target(), disk(d.path())));
        }
        return volumes;
    }

    /** A disk: an existing qcow2 volume inside the image directories. */
    Path disk(String path) throws CommandFailure {
        Path disk = paths.existing("disk", path);
        String format = qemuImg.info(disk).path("format").asText();
        if (!"qcow2".equals(format)) {
            throw CommandFailure.invalid("disk " + disk + " is " + format + "; internal snapshots need qcow2");
        }
        return disk;
    }

    /** The covered disks that hold the snapshot {@code name}. */
    List<Volume> holding(List<Volume> disks, String name) throws CommandFailure {
        List<Volume> holding = new ArrayList<>();
        for (Volume v : disks) {
            if (inside(v.path()).containsKey(name)) {
                holding.add(v);
            }
        }
        return holding;
    }

    /** The largest saved VM state among the disks' snapshot {@code name} (QEMU saves it into one of them). */
    Long vmState(List<Volume> disks, String name) throws CommandFailure {
        Long most = null;
        for (Volume v : disks) {
            Long size = inside(v.path()).get(name);
            if (size != null && (most == null || size > most)) {
                most = size;
            }
        }
        return most;
    }

    /**
     * The guest devices of the running domain's disks that the snapshot leaves out: read-only ones (the
     * CD-ROM) and empty drives. Every covered disk must be the domain's disk on that device; a writable disk
     * it does not cover (a shareable raw disk) is refused: libvirt makes an internal snapshot with memory of
     * every writable disk or not at all ("internal and full system snapshots require all disks to be
     * selected"), and QEMU loads one only when every writable disk holds it.
     */
    static List<String> leftOut(String domainXml, List<Volume> covered) throws CommandFailure {
        Map<String, Volume> byTarget = new HashMap<>();
        covered.forEach(v -> byTarget.put(v.target(), v));
        List<String> leftOut = new ArrayList<>();
        NodeList disks = SafeXml.parse(domainXml).getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            Element disk = (Element) disks.item(i);
            Element target = first(disk, "target");
            String dev = target == null ? null : target.getAttribute("dev");
            Element source = first(disk, "source");
            String file = source == null ? "" : !source.getAttribute("file").isEmpty() ? source.getAttribute("file")
                    : source.getAttribute("dev");
            Volume volume = byTarget.remove(dev);
            if (volume != null) {
                if (!samePath(file, volume.path())) {
                    throw CommandFailure.invalid("the VM's " + dev + " is " + (file.isEmpty() ? "empty" : file)
                            + ", not the snapshot's disk " + volume.path());
                }
            } else if (first(disk, "readonly") != null || file.isEmpty()) {
                leftOut.add(dev);
            } else {
                throw CommandFailure.invalid("the VM's disk " + dev + " (" + file + ") is writable and not among the "
                        + "snapshot's disks; an internal snapshot with memory covers every writable disk or none "
                        + "(a shareable raw disk cannot have one): detach it, or snapshot the VM while it is down");
            }
        }
        if (!byTarget.isEmpty()) {
            throw CommandFailure.invalid("the VM has no disk " + String.join(", ", new TreeSet<>(byTarget.keySet()))
                    + " (the snapshot covers " + targets(covered) + ")");
        }
        return leftOut;
    }

    private static boolean samePath(String file, Path volume) {
        if (file.isEmpty()) {
            return false;
        }
        try {
            return Path.of(file).toRealPath().equals(volume);
        } catch (IOException | RuntimeException e) {
            return Path.of(file).normalize().equals(volume);
        }
    }

    private static Element first(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    static String targets(List<Volume> disks) {
        return disks.stream().map(Volume::target).collect(Collectors.joining(", "));
    }

    /** The internal snapshots the disk holds, by name, with their saved VM state size (0 for disk-only ones). */
    Map<String, Long> inside(Path disk) throws CommandFailure {
        Map<String, Long> snapshots = new HashMap<>();
        for (JsonNode s : qemuImg.info(disk).path("snapshots")) {
            snapshots.put(s.path("name").asText(), s.path("vm-state-size").asLong());
        }
        return snapshots;
    }

    /** {@code qemu-img snapshot} (which takes no -f: the disk was just found to be qcow2) */
    void qemuImg(String flag, String name, Path disk) throws CommandFailure {
        qemuImg.run("snapshot", "-q", flag, name, disk.toString());
    }

    Optional<Domain> domain(String vmId) throws LibvirtException {
        return inventory.find(vmId);
    }

    static DomainState state(Optional<Domain> domain) throws LibvirtException {
        return domain.isPresent() ? DomainStates.of(domain.get().getInfo().state) : DomainState.UNDEFINED;
    }

    static DomainStatus status(Optional<Domain> domain, String vmId) throws LibvirtException {
        return domain.isPresent() ? DomainInventory.statusOf(domain.get()) : DomainInventory.undefined(vmId);
    }

    void progress(AgentMessage.Command command, int percent, String step) {
        progress.report(new AgentMessage.Progress(command.id(), percent, step, null));
    }

    /**
     * Forgets libvirt's metadata of a snapshot (the snapshot stays in the disk): kept, it would block the
     * domain's live migration ("cannot migrate domain with 1 snapshots") and stay behind on this host.
     */
    static void dropMetadata(Domain domain, String name) {
        try {
            DomainSnapshot snapshot = domain.snapshotLookupByName(name);
            snapshot.delete(DomainSnapshot.SnapshotDeleteFlags.METADATA_ONLY);
        } catch (LibvirtException e) {
            LOG.warnf("libvirt's metadata of snapshot %s could not be dropped: %s", name, LibvirtErrors.message(e));
        }
    }

    /**
     * Removes the snapshot from the disks of the running domain, through QEMU (which has them open; qemu-img
     * must not write to them then): libvirt's metadata is redefined (from the snapshot XML, or made up for a
     * snapshot without memory) and {@code virDomainSnapshotDelete} removes snapshot and metadata from every
     * disk at once. libvirt does not pass QEMU's errors on, so the disks are checked afterwards.
     */
    void removeLive(Domain domain, String vmId, String name, String libvirtXml, List<Volume> disks)
            throws CommandFailure, LibvirtException {
        String xml = libvirtXml != null
                ? SnapshotXml.forRedefine(libvirtXml, name, vmId)
                : SnapshotXml.diskOnlyForRedefine(name, disks.stream().map(Volume::target).toList(),
                        domain.getXMLDesc(Domain.XMLFlags.INACTIVE), Instant.now());
        DomainSnapshot snapshot = domain.snapshotCreateXML(xml, Domain.SnapshotCreateFlags.REDEFINE);
        try {
            snapshot.delete(0);
        } catch (LibvirtException e) {
            dropMetadata(domain, name);
            throw e;
        }
        List<Volume> still = holding(disks, name);
        if (!still.isEmpty()) {
            throw new CommandFailure(CommandFailure.LIBVIRT, "QEMU did not remove snapshot " + name + " from disk(s) "
                    + targets(still) + " (libvirt does not pass QEMU's error on); the snapshot is still there");
        }
    }

    static Map<String, Long> figures(long startedNanos, Long vmStateBytes) {
        Map<String, Long> figures = new HashMap<>();
        figures.put("elapsed_ms", (System.nanoTime() - startedNanos) / 1_000_000);
        if (vmStateBytes != null) {
            figures.put("vm_state_bytes", vmStateBytes);
        }
        return figures;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
