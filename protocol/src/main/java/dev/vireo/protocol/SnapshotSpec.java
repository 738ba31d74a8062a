package dev.vireo.protocol;

import java.util.List;

/**
 * A VM snapshot for the snapshot commands: internal qcow2 snapshots, kept inside each of the VM's qcow2 disk
 * volumes under the same name. libvirt's snapshot metadata is not kept on the host (it would block live
 * migration and stay behind on the host that made it); the engine keeps what is needed to bring it back.
 *
 * @param name          the engine's snapshot id (a UUID): the snapshot's name in libvirt and in every qcow2
 *                      file it covers, never user text
 * @param description   the user's description; only ever an XML text node
 * @param includeMemory a memory snapshot (RAM and device state of a running guest, made through libvirt) or
 *                      a disk-only one (made with qemu-img while the VM is down)
 * @param diskPath      the one disk volume of a snapshot that covers one disk (a host path inside the image
 *                      directories), as before several disks; null when it covers several, so that an agent
 *                      that knows only this field refuses instead of covering one disk of several
 * @param libvirtXml    for revert and delete of a memory snapshot: the snapshot XML the agent replied with
 *                      when it made it, from which it redefines libvirt's metadata; else null
 * @param disks         every disk the snapshot covers, by guest device; null from a sender that knows only
 *                      {@code diskPath} (then that one is vda)
 */
public record SnapshotSpec(String name, String description, boolean includeMemory, String diskPath,
                           String libvirtXml, List<Disk> disks) {

    /** A disk the snapshot covers: its guest device (vda, vdb …) and its qcow2 volume. */
    public record Disk(String target, String path) {
    }

    /** A snapshot of the one disk vda, as before several disks. */
    public SnapshotSpec(String name, String description, boolean includeMemory, String diskPath, String libvirtXml) {
        this(name, description, includeMemory, diskPath, libvirtXml, null);
    }

    public static SnapshotSpec create(String name, String description, boolean includeMemory, String diskPath) {
        return new SnapshotSpec(name, description, includeMemory, diskPath, null);
    }

    /** A snapshot of these disks; {@code diskPath} is set when there is one only. */
    public static SnapshotSpec of(String name, String description, boolean includeMemory, String libvirtXml,
                                  List<Disk> disks) {
        return new SnapshotSpec(name, description, includeMemory, disks.size() == 1 ? disks.get(0).path() : null,
                libvirtXml, List.copyOf(disks));
    }

    /** The disks it covers: {@link #disks}, or {@link #diskPath} as vda from an older sender. */
    public List<Disk> covered() {
        if (disks != null && !disks.isEmpty()) {
            return disks;
        }
        return diskPath == null ? List.of() : List.of(new Disk("vda", diskPath));
    }
}
