package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * Spread by CPU: the fewer vCPUs a host carries per CPU after placing the VM, the better. Committed vCPUs
 * stand in for CPU load until agents report load.
 */
public final class EvenCpuWeight implements HostWeight {
    @Override
    public String name() {
        return "even_cpu";
    }

    @Override
    public double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        double capacity = host.cpuCount() * cluster.policy().vcpuOvercommit();
        if (capacity <= 0) {
            return 0;
        }
        return 100.0 * Math.max(0, 1 - (host.committedVcpus() + request.vcpus()) / capacity);
    }
}
