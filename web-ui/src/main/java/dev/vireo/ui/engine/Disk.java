package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A disk (a thin qcow2 volume in a storage domain, or a shareable raw one) as the engine returns it; {@code target}
 * is its guest device (vda, the boot disk, vdb …) while attached to {@code vmId}; a shareable disk lists every VM
 * that has it in {@code sharedWith}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Disk(
        String id,
        String name,
        String storageDomainId,
        long sizeBytes,
        Long actualBytes,
        String backingDiskId,
        String vmId,
        String target,
        boolean templateBase,
        boolean shareable,
        List<Sharer> sharedWith,
        OffsetDateTime createdAt,
        String createdBy) {

    /** The guest device of a VM's boot disk. */
    public static final String BOOT_TARGET = "vda";

    public boolean boot() {
        return BOOT_TARGET.equals(target);
    }

    /** Attachable: on no VM and not a template's base. */
    public boolean free() {
        return vmId == null && !templateBase;
    }

    /** The volume format: raw for a shareable disk (QEMU shares only raw images between running guests), else qcow2. */
    public String format() {
        return shareable ? "raw" : "qcow2";
    }

    /** How many VMs have this disk attached. */
    public int sharers() {
        return sharedWith == null ? (vmId == null ? 0 : 1) : sharedWith.size();
    }

    /** A VM that has a shareable disk, as guest device {@code target}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sharer(String vmId, String target) {
    }

    /**
     * {@code POST /disks}: {@code storageDomainId} null for the default domain; {@code format} raw exactly when
     * {@code shareable}, as the engine requires.
     */
    public record New(String name, String storageDomainId, long sizeMiB, boolean shareable, String format) {
    }
}
