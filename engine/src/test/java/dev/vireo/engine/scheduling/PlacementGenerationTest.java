package dev.vireo.engine.scheduling;

import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every holder of a cluster's placement lock moves its generation on by one, and only when it commits: what
 * lets a placement batch tell whether anyone else held the lock since the load it carries over ({@link LoadCache}).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PlacementGenerationTest {

    @Inject
    SnapshotReader snapshots;

    @Test
    void eachCommittedHolderMovesTheGenerationOnByOne() {
        long first = QuarkusTransaction.requiringNew().call(() -> snapshots.lock(Cluster.DEFAULT_ID));
        long second = QuarkusTransaction.requiringNew().call(() -> snapshots.lockAndRead(Cluster.DEFAULT_ID) != null
                ? current() : -1);
        assertEquals(first + 1, second, "a migration's or an evacuation's lock counts too");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            snapshots.lock(Cluster.DEFAULT_ID);
            throw new IllegalStateException("the batch fails before it commits");
        }));
        assertEquals(second + 1, (long) QuarkusTransaction.requiringNew().call(() -> snapshots.lock(Cluster.DEFAULT_ID)),
                "a holder that rolled back left the generation where it was");
        assertEquals(0, (long) QuarkusTransaction.requiringNew().call(() -> snapshots.lock(UUID.randomUUID())));
    }

    private static long current() {
        return ((Number) Cluster.getEntityManager()
                .createNativeQuery("select placement_generation from clusters where id = ?1")
                .setParameter(1, Cluster.DEFAULT_ID).getSingleResult()).longValue();
    }
}
