package dev.vireo.engine.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
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
        cache.remember(CLUSTER, 7, 0, List.of(), load);
        LoadCache.Carried carried = cache.carried(CLUSTER, 8, List.of(), SECOND / 2);
        assertSame(load, carried.load());
        assertEquals(0, carried.readAtNanos(), "carried over: still as old as its last read");
    }

    @Test
    void anotherHolderInBetweenMeansReadingAgain() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        cache.remember(CLUSTER, 7, 0, List.of(), load);
        assertNull(cache.carried(CLUSTER, 9, List.of(), 1), "a migration, an evacuation or another replica held the lock at 8");
        assertNull(cache.carried(CLUSTER, 7, List.of(), 1), "the remembering commit failed: the database kept 6, this lock said 7");
    }

    @Test
    void anAffinityGroupCreatedOrChangedSinceMeansReadingAgain() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        UUID vm = UUID.randomUUID();
        AffinityGroup apart = new AffinityGroup(UUID.randomUUID(), "apart", AffinityGroup.Polarity.NEGATIVE,
                AffinityGroup.Polarity.NONE, true, Set.of(vm), Set.of());
        AffinityGroup pinned = new AffinityGroup(UUID.randomUUID(), "pinned", AffinityGroup.Polarity.NONE,
                AffinityGroup.Polarity.POSITIVE, true, Set.of(vm), Set.of(UUID.randomUUID()));
        cache.remember(CLUSTER, 7, 0, List.of(apart, pinned), load);
        assertSame(load, cache.carried(CLUSTER, 8, List.of(pinned, apart), 1).load(), "the same groups, read in another order");
        assertNull(cache.carried(CLUSTER, 8, List.of(apart), 1), "a group was deleted");
        cache.remember(CLUSTER, 7, 0, List.of(apart), load);
        assertNull(cache.carried(CLUSTER, 8, List.of(), 1), "the last group was deleted");
        AffinityGroup bigger = new AffinityGroup(apart.id(), "apart", AffinityGroup.Polarity.NEGATIVE,
                AffinityGroup.Polarity.NONE, true, Set.of(vm, UUID.randomUUID()), Set.of());
        assertNull(cache.carried(CLUSTER, 8, List.of(bigger), 1), "a VM joined the group: where it runs was not carried");
    }

    @Test
    void anOldLoadIsReadAgainAndOtherClustersAreNotConfused() {
        LoadCache cache = new LoadCache(Duration.ofSeconds(1));
        cache.remember(CLUSTER, 7, 0, List.of(), load);
        assertNull(cache.carried(CLUSTER, 8, List.of(), SECOND), "room freed without the lock shows within the maximum age");
        assertNull(cache.carried(UUID.randomUUID(), 8, List.of(), 1));
    }
}
