package dev.vireo.engine.scheduling;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything placement needs, read once, so that placement itself is a pure function. A batch of decisions
 * books each one on a {@link PlacementSession}.
 *
 * @param vmHosts where each placed VM of the cluster is (for affinity)
 */
public record ClusterSnapshot(UUID clusterId, String clusterName, SchedulingPolicy policy, List<HostCandidate> hosts,
                              List<AffinityGroup> affinityGroups, Map<UUID, UUID> vmHosts) {
}
