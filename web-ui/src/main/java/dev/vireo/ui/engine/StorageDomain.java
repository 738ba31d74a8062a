package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A storage domain: a directory every host sees; capacity and free space as the engine sees them (null: unknown). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageDomain(String id, String name, String kind, String path, long disks, long provisionedBytes,
                            long allocatedBytes, Long capacityBytes, Long freeBytes) {
}
