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

    /**
     * False when this filter lets every host pass for this request (the VM has no CPU model, no networks, no
     * hard affinity group; the policy sets no limit): a decision then leaves it out, as Kubernetes' PreFilter
     * answers Skip. Filters run for thousands of hosts per decision, so the calls saved count.
     */
    default boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return true;
    }
}
