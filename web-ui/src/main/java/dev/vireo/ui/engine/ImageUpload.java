package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * An image upload ({@code /images/uploads}): UPLOADING until completed, then IMPORTED (a disk, an OVA or an ISO)
 * or FAILED with a {@code message}; {@code sha256} is the checksum it was begun with, which the engine checks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageUpload(
        String id,
        String name,
        String format,
        long sizeBytes,
        long receivedBytes,
        int percent,
        String status,
        String message,
        String diskId,
        String sha256,
        String storageDomainId,
        OffsetDateTime createdAt,
        String createdBy) {

    /** {@code POST /images/uploads}: {@code storageDomainId} null for the default domain. */
    public record Begin(String name, String format, long sizeBytes, String sha256, String storageDomainId) {
    }
}
