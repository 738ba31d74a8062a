package dev.vireo.engine.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything placement needs, read once, so that placement itself is a pure function.
 *
 * @param vmHosts where each placed VM of the cluster is (for affinity)
 */
public record ClusterSnapshot(UUID clusterId, String clusterName, SchedulingPolicy policy, List<HostCandidate> hosts,
                              List<AffinityGroup> affinityGroups, Map<UUID, UUID> vmHosts) {

    public ClusterSnapshot(UUID clusterId, String clusterName, List<HostCandidate> hosts) {
        this(clusterId, clusterName, SchedulingPolicy.defaults(), hosts, List.of(), Map.of());
    }

    /** The snapshot after {@code request} was placed on {@code hostId}: batch placement decides on this. */
    public ClusterSnapshot withPlacement(PlacementRequest request, UUID hostId) {
        List<HostCandidate> updated = new ArrayList<>(hosts.size());
        for (HostCandidate h : hosts) {
            updated.add(h.id().equals(hostId) ? h.with(request) : h);
        }
        Map<UUID, UUID> placed = new HashMap<>(vmHosts);
        placed.put(request.vmId(), hostId);
        return new ClusterSnapshot(clusterId, clusterName, policy, updated, affinityGroups, placed);
    }
}
