package dev.vireo.engine.events;

import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Writes the audit log. Joins the caller's transaction, so an event is stored with the change it tells. */
@ApplicationScoped
public class EventLog {
    private static final Logger LOG = Logger.getLogger(EventLog.class);
    private static final int MAX_MESSAGE = 4096;

    @Inject
    ChangeFeed changes;
    @Inject
    EntityManager em;

    /** One line of the audit log, for {@link #recordAll}. */
    public record Entry(Severity severity, String actor, String action, String objectType, UUID objectId,
                        String objectName, String message) {
        public static Entry info(String actor, String action, String objectType, UUID objectId, String objectName, String message) {
            return new Entry(Severity.INFO, actor, action, objectType, objectId, objectName, message);
        }
    }

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

    /**
     * Many lines in one statement (a batch of placements, say), in the caller's transaction like {@link #record};
     * the engine's log gets one line for them all, each at DEBUG.
     */
    @Transactional
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BulkSql.execute(em, "insert into events (at, severity, actor, action, object_type, object_id, object_name, message) "
                        + "select clock_timestamp(), * from unnest(?, ?, ?, ?, ?, ?, ?)",
                SqlArray.texts(entries.stream().map(e -> e.severity().name()).toList()),
                SqlArray.texts(entries.stream().map(Entry::actor).toList()),
                SqlArray.texts(entries.stream().map(Entry::action).toList()),
                SqlArray.texts(entries.stream().map(Entry::objectType).toList()),
                SqlArray.uuids(entries.stream().map(Entry::objectId).toList()),
                SqlArray.texts(entries.stream().map(Entry::objectName).toList()),
                SqlArray.texts(entries.stream().map(e -> e.message().length() > MAX_MESSAGE
                        ? e.message().substring(0, MAX_MESSAGE) : e.message()).toList()));
        Map<String, Integer> perAction = new TreeMap<>();
        for (Entry e : entries) {
            changes.publish(new Change(e.objectType(), e.objectId(), "vm".equals(e.objectType()) ? e.objectId() : null));
            perAction.merge(e.severity() + " " + e.action(), 1, Integer::sum);
            LOG.debugf("[%s] %s %s %s: %s", e.severity(), e.actor(), e.action(), e.objectName() == null ? "" : e.objectName(), e.message());
        }
        // one line for the batch: the lines themselves are in the audit log (a placement batch held up its cluster
        // lock writing 500 of them here); DEBUG on dev.vireo.engine.events.EventLog shows each one
        LOG.infof("%d audit lines recorded together: %s", entries.size(), perAction);
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
