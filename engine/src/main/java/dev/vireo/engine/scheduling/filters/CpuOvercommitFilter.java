package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** vCPUs on a host stay within the cluster's overcommit ratio of its physical CPUs; one VM never gets more vCPUs than the host has CPUs. */
public final class CpuOvercommitFilter implements HostFilter {
    @Override
    public String name() {
        return "cpu_overcommit";
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (request.vcpus() > host.cpuCount()) {
            return "has " + host.cpuCount() + " CPUs, the VM wants " + request.vcpus();
        }
        long limit = (long) Math.floor(host.cpuCount() * cluster.policy().vcpuOvercommit());
        if (host.committedVcpus() + request.vcpus() > limit) {
            return "would carry " + (host.committedVcpus() + request.vcpus()) + " vCPUs, over its limit of " + limit
                    + " (" + host.cpuCount() + " CPUs x " + cluster.policy().vcpuOvercommit() + ")";
        }
        return null;
    }
}
