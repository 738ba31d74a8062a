package dev.vireo.engine.storage;

import java.time.OffsetDateTime;
import java.util.UUID;

public record DiskView(UUID id, String name, UUID storageDomainId, long sizeBytes, Long actualBytes,
                       UUID backingDiskId, UUID vmId, String target, boolean templateBase, OffsetDateTime createdAt, String createdBy) {

    public static DiskView of(Disk d) {
        return new DiskView(d.id, d.name, d.storageDomainId, d.sizeBytes, d.actualBytes, d.backingDiskId, d.vmId, d.target,
                d.templateBase, d.createdAt, d.createdBy);
    }
}
