package dev.vireo.protocol;

/**
 * A VM's disk beside its boot disk (which is {@code vda}, in {@link BootSpec#diskImage()}): its volume, a host
 * path inside the image directories, and the guest device it appears as ({@code vdb} … {@code vdz}), which
 * the engine allocates and keeps while the disk stays attached. Target {@code hdc} is the VM's CD-ROM drive
 * holding an ISO image (read-only).
 */
public record DiskSpec(String path, String target) {
    public static final String CDROM_TARGET = "hdc";

    public boolean cdrom() {
        return CDROM_TARGET.equals(target);
    }
}
