package dev.vireo.engine.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes the audit log. Joins the caller's transaction, so an event is stored with the change it tells. */
@ApplicationScoped
public class EventLog {
    private static final Logger LOG = Logger.getLogger(EventLog.class);
    private static final int MAX_MESSAGE = 4096;

    @Inject
    ChangeFeed changes;

    @Transactional
    public void record(Severity severity, String actor, String action, String objectType, UUID objectId,
                       String objectName, String message) {
        AuditEvent e = new AuditEvent();
        e.at = OffsetDateTime.now();
        e.severity = severity.name();
        e.actor = actor;
        e.action = action;
        e.objectType = objectType;
        e.objectId = objectId;
        e.objectName = objectName;
        e.message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        e.persist();
        changes.publish(new Change(objectType, objectId, "vm".equals(objectType) ? objectId : null));
        LOG.infof("[%s] %s %s %s: %s", severity, actor, action, objectName == null ? "" : objectName, message);
    }

    public void info(String actor, String action, String objectType, UUID id, String name, String message) {
        record(Severity.INFO, actor, action, objectType, id, name, message);
    }

    public void warn(String actor, String action, String objectType, UUID id, String name, String message) {
        record(Severity.WARNING, actor, action, objectType, id, name, message);
    }

    public void error(String actor, String action, String objectType, UUID id, String name, String message) {
        record(Severity.ERROR, actor, action, objectType, id, name, message);
    }
}
