package dev.vireo.engine.jobs;

import java.time.OffsetDateTime;
import java.util.UUID;

public record JobView(UUID id, String action, JobStatus status, int progress, String step, String message,
                      UUID vmId, UUID hostId, String actor, OffsetDateTime createdAt, OffsetDateTime startedAt,
                      OffsetDateTime endedAt) {
    public static JobView of(Job j) {
        return new JobView(j.id, j.action, j.status, j.progress, j.step, j.message, j.vmId, j.hostId, j.actor,
                j.createdAt, j.startedAt, j.endedAt);
    }
}
