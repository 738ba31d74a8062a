package dev.vireo.engine.events;

import java.time.OffsetDateTime;
import java.util.UUID;

public record EventView(long id, OffsetDateTime at, String severity, String actor, String action,
                        String objectType, UUID objectId, String objectName, String message) {
    static EventView of(AuditEvent e) {
        return new EventView(e.id, e.at, e.severity, e.actor, e.action, e.objectType, e.objectId, e.objectName,
                e.message);
    }
}
