package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** Enough memory, counting every VM already placed there, including those still starting or migrating in. */
public final class MemoryFilter implements HostFilter {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (host.freeMiB() < request.memoryMiB()) {
            return "has " + Math.max(0, host.freeMiB()) + " MiB free, needs " + request.memoryMiB();
        }
        return null;
    }
}
