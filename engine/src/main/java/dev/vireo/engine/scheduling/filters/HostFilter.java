package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * Can this host take the VM at all? One rule per class, like Kubernetes' filter plugins and oVirt's
 * filter policy units. Answers null to let the host pass, or the reason it may not, with the numbers.
 */
public interface HostFilter {

    /** Short stable name, shown in explanations ("memory", "vm_affinity", …). */
    String name();

    String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster);
}
