package dev.vireo.engine.jobs;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Jobs begun and ended many at a time (a batch of placements) read back like jobs begun one by one. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BulkJobsTest {

    @Inject
    Jobs jobs;

    @Test
    void beganTogetherEndedTogether() {
        UUID vmA = UUID.randomUUID();
        UUID vmB = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        List<Job> begun = QuarkusTransaction.requiringNew().call(() -> jobs.beginAll("start", List.of(
                new Jobs.Begin("alice", vmA, host, "starting on host h1"),
                new Jobs.Begin("bob", vmB, null, "starting on host h2"))));
        assertEquals(2, begun.size());
        Job a = read(begun.get(0).id);
        assertEquals("start", a.action);
        assertEquals(JobStatus.RUNNING, a.status);
        assertEquals("alice", a.actor);
        assertEquals(vmA, a.vmId);
        assertEquals(host, a.hostId);
        assertEquals(5, a.progress);
        assertEquals("starting on host h1", a.step);
        assertNotNull(a.createdAt);
        assertEquals(begun.get(0).createdAt.toInstant(), a.createdAt.toInstant(), "what the caller returns is what was stored");
        Job b = read(begun.get(1).id);
        assertEquals("bob", b.actor);
        assertNull(b.hostId);

        jobs.fail(b.id, "refused by the host");   // ended on its own before the batch
        QuarkusTransaction.requiringNew().run(() -> jobs.finishAllHere(List.of(
                new Jobs.Finish(a.id, true, "running on host h1"),
                new Jobs.Finish(b.id, true, "running on host h2"))));
        Job endedA = read(a.id);
        assertEquals(JobStatus.SUCCEEDED, endedA.status);
        assertEquals(100, endedA.progress);
        assertEquals("done", endedA.step);
        assertEquals("running on host h1", endedA.message);
        assertNotNull(endedA.endedAt);
        assertEquals(a.version + 1, endedA.version);
        Job endedB = read(b.id);
        assertEquals(JobStatus.FAILED, endedB.status, "a job that has ended keeps its end");
        assertEquals("refused by the host", endedB.message);
    }

    private static Job read(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(id));
    }
}
