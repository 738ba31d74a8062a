package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * How good is this host for the VM, from 0 (worst) to 100 (best)? The cluster policy multiplies each
 * unit's score by its factor and adds them up. Only hosts that passed every filter are weighed.
 */
public interface HostWeight {

    /** Short stable name: the key of the policy's weight factors. */
    String name();

    double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster);
}
