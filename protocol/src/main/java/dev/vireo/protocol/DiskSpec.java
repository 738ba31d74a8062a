package dev.vireo.protocol;

/**
 * A VM's disk beside its boot disk (which is {@code vda}, in {@link BootSpec#diskImage()}): its volume, a host
 * path inside the image directories, and the guest device it appears as ({@code vdb} … {@code vdz}), which
 * the engine allocates and keeps while the disk stays attached.
 */
public record DiskSpec(String path, String target) {
}
