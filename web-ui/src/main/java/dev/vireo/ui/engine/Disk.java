package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * A disk (a thin qcow2 volume in a storage domain) as the engine returns it; {@code target} is its guest device
 * (vda, the boot disk, vdb …) while attached to {@code vmId}.
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

    /** {@code POST /disks}: {@code storageDomainId} null for the default domain. */
    public record New(String name, String storageDomainId, long sizeMiB) {
    }
}
