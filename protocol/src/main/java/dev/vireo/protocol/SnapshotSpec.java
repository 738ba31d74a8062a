package dev.vireo.protocol;

/**
 * A VM snapshot for the snapshot commands: internal qcow2 snapshots, kept inside the VM's disk volume.
 * libvirt's snapshot metadata is not kept on the host (it would block live migration and stay behind on
 * the host that made it); the engine keeps what is needed to bring it back.
 *
 * @param name          the engine's snapshot id (a UUID): the snapshot's name in libvirt and in the qcow2
 *                      file, never user text
 * @param description   the user's description; only ever an XML text node
 * @param includeMemory a memory snapshot (RAM and device state of a running guest, made through libvirt) or
 *                      a disk-only one (made with qemu-img while the VM is down)
 * @param diskPath      the VM's disk volume (a host path inside the image directories)
 * @param libvirtXml    for revert and delete of a memory snapshot: the snapshot XML the agent replied with
 *                      when it made it, from which it redefines libvirt's metadata; else null
 */
public record SnapshotSpec(String name, String description, boolean includeMemory, String diskPath,
                           String libvirtXml) {

    public static SnapshotSpec create(String name, String description, boolean includeMemory, String diskPath) {
        return new SnapshotSpec(name, description, includeMemory, diskPath, null);
    }
}
