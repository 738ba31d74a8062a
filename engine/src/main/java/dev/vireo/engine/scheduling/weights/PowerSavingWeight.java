package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * Pack VMs onto few hosts so idle ones can be switched off: the fuller a host ends up, the better, as long
 * as it stays under the policy's high-utilization threshold; a host pushed over it scores 0.
 */
public final class PowerSavingWeight implements HostWeight {
    @Override
    public String name() {
        return "power_saving";
    }

    @Override
    public double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (host.memoryMiB() <= 0) {
            return 0;
        }
        double usedAfter = 100.0 * (host.committedMiB() + request.memoryMiB()) / host.memoryMiB();
        return usedAfter > cluster.policy().highUtilization() ? 0 : usedAfter;
    }
}
