package dev.vireo.engine.scheduling;

import java.util.List;
import java.util.UUID;

/** Everything placement needs, read once, so that placement itself is a pure function. */
public record ClusterSnapshot(UUID clusterId, String clusterName, List<HostCandidate> hosts) {
}
