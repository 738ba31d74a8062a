package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** One audit event of {@code GET /api/v1/events}: who did what to which object, and what came of it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(long id, OffsetDateTime at, String severity, String actor, String action, String objectType,
                    String objectId, String objectName, String message) {
}
