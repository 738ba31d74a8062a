package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** Spread by memory: the more of a host's memory stays free after placing the VM, the better. */
public final class EvenMemoryWeight implements HostWeight {
    @Override
    public String name() {
        return "even_memory";
    }

    @Override
    public double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (host.memoryMiB() <= 0) {
            return 0;
        }
        return 100.0 * Math.max(0, host.freeMiB() - request.memoryMiB()) / host.memoryMiB();
    }
}
