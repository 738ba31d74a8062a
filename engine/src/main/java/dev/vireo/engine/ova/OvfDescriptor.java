package dev.vireo.engine.ova;

import java.util.List;

/**
 * What an OVF descriptor says about one virtual system, as far as Vireo uses it: validated when read
 * ({@link OvfReader}), rendered when exported ({@link OvfWriter}).
 *
 * @param name        the VM's name as the OVF gives it (not yet checked against the name rules)
 * @param description its annotation, or null
 * @param boot        Vireo's own direct-kernel boot (an optional section other tools ignore), or null
 */
public record OvfDescriptor(String name, String description, int memoryMiB, int vcpus, List<DiskRef> disks, Boot boot) {

    /**
     * A disk: the archive entry holding it, that entry's size when the OVF states it (else -1), the
     * disk's virtual size and its format ({@code vmdk} or {@code qcow2}).
     */
    public record DiskRef(String fileHref, long fileSize, long capacityBytes, String format) {
    }

    public record Boot(String kernel, String initrd, String cmdline) {
    }
}
