package dev.vireo.protocol;

/**
 * How a guest boots: direct kernel boot (kernel + optional initrd + command line) and/or a disk image.
 * Paths are host paths; the engine and the agent both check that they lie inside the host's image
 * directories before anything reaches libvirt.
 */
public record BootSpec(String kernel, String initrd, String cmdline, String diskImage) {

    public boolean hasKernel() {
        return kernel != null && !kernel.isBlank();
    }

    public boolean hasDisk() {
        return diskImage != null && !diskImage.isBlank();
    }
}
