package dev.vireo.engine.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class LoadCacheTest {
    private static final UUID CLUSTER = UUID.nameUUIDFromBytes("c".getBytes());
    private static final long SECOND = 1_000_000_000L;
    private final ClusterLoad load = new ClusterLoad(Map.of(UUID.randomUUID(), new ClusterLoad.HostLoad(256, 1, 1)), Map.of());

    @Test
    void theNextHolderOfTheLockCarriesTheLoadOver() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        cache.remember(CLUSTER, 7, 0, load);
        assertSame(load, cache.valid(CLUSTER, 8, SECOND / 2));
        assertEquals(0, cache.readAt(CLUSTER, 8, SECOND / 2), "carried over: still as old as its last read");
    }

    @Test
    void anotherHolderInBetweenMeansReadingAgain() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        cache.remember(CLUSTER, 7, 0, load);
        assertNull(cache.valid(CLUSTER, 9, 1), "a migration, an evacuation or another replica held the lock at 8");
        assertEquals(1, cache.readAt(CLUSTER, 9, 1));
        assertNull(cache.valid(CLUSTER, 7, 1), "the remembering commit failed: the database kept 6, this lock said 7");
    }

    @Test
    void anOldLoadIsReadAgainAndOtherClustersAreNotConfused() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        cache.remember(CLUSTER, 7, 0, load);
        assertNull(cache.valid(CLUSTER, 8, SECOND), "room freed without the lock shows within the maximum age");
        assertNull(cache.valid(UUID.randomUUID(), 8, 1));
        cache.clear();
        assertNull(cache.valid(CLUSTER, 8, 1));
    }
}
