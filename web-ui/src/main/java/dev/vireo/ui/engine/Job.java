package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** A long-running action the engine accepted (202); poll {@code GET /api/v1/jobs/{id}} for progress. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(
        String id,
        String action,
        JobStatus status,
        Integer progress,
        String step,
        String message,
        String vmId,
        String hostId,
        String actor,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt) {

    /** The engine cancels running migrations only. */
    public boolean cancellable() {
        return "migrate".equals(action) && status != null && !status.finished();
    }
}
