package dev.vireo.engine.ova;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An OVA as the API shows it. */
public record OvaView(UUID id, String name, UUID storageDomainId, String fileName, String status, UUID sourceVmId,
                      UUID uploadId, Long sizeBytes, String message, OffsetDateTime createdAt, String createdBy) {
    static OvaView of(Ova o) {
        return new OvaView(o.id, o.name, o.storageDomainId, o.fileName, o.status, o.sourceVmId, o.uploadId, o.sizeBytes,
                o.message, o.createdAt, o.createdBy);
    }
}
