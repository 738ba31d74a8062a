package dev.vireo.engine.events;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Audit lines written many at a time sit among those written one by one: all kept, ids never shared. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BulkEventsTest {

    @Inject
    EventLog events;

    @Test
    void manyLinesInOneStatementAmongSingleOnes() {
        UUID vm = UUID.randomUUID();
        String longMessage = "x".repeat(5000);
        QuarkusTransaction.requiringNew().run(() -> {
            events.info("alice", "one.before", "vm", vm, "bulk-vm", "single before");
            events.recordAll(List.of(
                    EventLog.Entry.info("alice", "bulk.first", "vm", vm, "bulk-vm", "first of the batch"),
                    new EventLog.Entry(Severity.ERROR, "agent:h1", "bulk.second", "vm", vm, null, longMessage)));
            events.info("alice", "one.after", "vm", vm, "bulk-vm", "single after");
        });
        List<AuditEvent> lines = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("objectId = ?1", vm));
        assertEquals(4, lines.size());
        Set<Long> ids = new HashSet<>();
        lines.forEach(e -> ids.add(e.id));
        assertEquals(4, ids.size(), "ids from the sequence's blocks and from single rows never collide");
        AuditEvent second = lines.stream().filter(e -> e.action.equals("bulk.second")).findFirst().orElseThrow();
        assertEquals("ERROR", second.severity);
        assertEquals("agent:h1", second.actor);
        assertEquals("vm", second.objectType);
        assertNull(second.objectName);
        assertEquals(4096, second.message.length(), "cut to the column's length as single lines are");
        AuditEvent first = lines.stream().filter(e -> e.action.equals("bulk.first")).findFirst().orElseThrow();
        assertEquals("INFO", first.severity);
        assertEquals("first of the batch", first.message);
        assertEquals("bulk-vm", first.objectName);
    }
}
