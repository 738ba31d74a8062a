package dev.vireo.engine.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each cluster's load as the last placement batch left it, so that the next batch can skip reading the load
 * of every VM in the cluster while it holds the placement lock. An entry is used only
 * <ul>
 *   <li>when no other lock holder came in between: every holder bumps the cluster's placement generation
 *       ({@link SnapshotReader#lock}), so a migration, an evacuation or another engine replica that booked
 *       anything in between makes the generation skip and the load is read again;</li>
 *   <li>within {@code maxAge} of the last full read: VMs stopping, failing to start or moving away free room
 *       without the lock, and the carried-over load only overstates the hosts' load until it is read again
 *       (a batch that refuses any VM on a carried-over load decides again on a fresh one, so no VM is refused
 *       for room that was freed);</li>
 *   <li>while the cluster's affinity groups are what they were: where their VMs run is carried too.</li>
 * </ul>
 * What adds load without the lock — a domain a host reports running where the engine did not place it, a
 * snapshot revert that leaves its VM running on the worker host — was never serialized with placement; a
 * carried-over load sees it at the next full read, within {@code maxAge}, instead of at the next batch.
 * Thread-safe; the placement lock orders its writers.
 */
public final class LoadCache {
    private record Entry(long generation, long readAtNanos, Set<AffinityGroup> groups, ClusterLoad load) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    public LoadCache(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** A carried-over load, and when it was last read from the database. */
    public record Carried(ClusterLoad load, long readAtNanos) {
    }

    /**
     * The load the previous holder of the lock left, if it may stand for a fresh read; null when it must be read.
     *
     * @param generation what this holder's {@link SnapshotReader#lock} answered
     * @param groups     the cluster's affinity groups now: where their VMs run is part of the load, so a group
     *                   created or changed since means reading it again
     */
    public Carried carried(UUID clusterId, long generation, List<AffinityGroup> groups, long nowNanos) {
        Entry e = entries.get(clusterId);
        if (e == null || e.generation() != generation - 1 || nowNanos - e.readAtNanos() >= maxAgeNanos
                || !e.groups().equals(Set.copyOf(groups))) {   // a set: the groups come in no particular order
            return null;
        }
        return new Carried(e.load(), e.readAtNanos());
    }

    /**
     * The load after this holder's bookings, with the affinity groups it was decided under; call before
     * committing, while holding the lock. Should the commit fail, the database keeps the older generation and
     * the next holder reads the load again.
     */
    public void remember(UUID clusterId, long generation, long readAtNanos, List<AffinityGroup> groups, ClusterLoad load) {
        entries.put(clusterId, new Entry(generation, readAtNanos, Set.copyOf(groups), load));
    }
}
