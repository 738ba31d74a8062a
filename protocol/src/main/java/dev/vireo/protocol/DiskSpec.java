package dev.vireo.protocol;

/**
 * A VM's disk beside its boot disk (which is {@code vda}, in {@link BootSpec#diskImage()}): its volume, a host
 * path inside the image directories, and the guest device it appears as ({@code vdb} … {@code vdz}), which
 * the engine allocates and keeps while the disk stays attached. Target {@code hdc} is the VM's CD-ROM drive
 * holding an ISO image (read-only).
 *
 * @param shareable a disk several VMs have attached at once (a raw volume): libvirt's {@code <shareable/>},
 *                  with the host page cache off so every guest reads what the others wrote
 */
public record DiskSpec(String path, String target, boolean shareable) {
    public static final String CDROM_TARGET = "hdc";

    /** A disk of one VM only. */
    public DiskSpec(String path, String target) {
        this(path, target, false);
    }

    public boolean cdrom() {
        return CDROM_TARGET.equals(target);
    }
}
