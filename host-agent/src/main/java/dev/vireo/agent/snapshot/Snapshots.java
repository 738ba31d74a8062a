package dev.vireo.agent.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.LibvirtErrors;
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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the snapshot commands share: checking the spec, the VM's qcow2 disk and the snapshots inside it,
 * the VM's domain on this host, and dropping libvirt's metadata once a command is done with it.
 */
public final class Snapshots {
    private static final Logger LOG = Logger.getLogger(Snapshots.class);
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

    /** The VM's disk: an existing qcow2 volume inside the image directories. */
    Path disk(SnapshotSpec spec) throws CommandFailure {
        Path disk = paths.existing("disk", spec.diskPath());
        String format = qemuImg.info(disk).path("format").asText();
        if (!"qcow2".equals(format)) {
            throw CommandFailure.invalid("disk " + disk + " is " + format + "; internal snapshots need qcow2");
        }
        return disk;
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
