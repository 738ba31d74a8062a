package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A storage domain: a directory at the same path on every host, one directory all hosts share (a mount) or
 * each host's own ({@code shared} false: a disk's volume lives on one host); capacity and free space as the
 * engine sees them (null: unknown).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageDomain(String id, String name, String kind, String poolType, String path, boolean shared, long disks,
                            long provisionedBytes, long allocatedBytes, Long capacityBytes, Long freeBytes) {

    /** What {@code POST /api/v1/storagedomains} takes; {@code poolType} null: dir. */
    public record New(String name, String path, String poolType, boolean shared) {
    }
}
