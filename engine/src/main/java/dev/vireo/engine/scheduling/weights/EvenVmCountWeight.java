package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** Spread by count: a host with fewer VMs scores higher. */
public final class EvenVmCountWeight implements HostWeight {
    @Override
    public String name() {
        return "even_vm_count";
    }

    @Override
    public double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        return 100.0 / (1 + host.vmCount());
    }
}
