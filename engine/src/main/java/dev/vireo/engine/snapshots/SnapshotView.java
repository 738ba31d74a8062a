package dev.vireo.engine.snapshots;

import java.time.OffsetDateTime;
import java.util.UUID;

public record SnapshotView(UUID id, UUID vmId, UUID diskId, String name, String description, boolean withMemory,
                           SnapshotStatus status, OffsetDateTime createdAt, String createdBy) {

    public static SnapshotView of(Snapshot s) {
        return new SnapshotView(s.id, s.vmId, s.diskId, s.name, s.description, s.withMemory, s.status, s.createdAt,
                s.createdBy);
    }
}
