package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** The cluster's cap on VMs per host, when it has one. */
public final class MaxVmsFilter implements HostFilter {
    @Override
    public String name() {
        return "max_vms";
    }

    @Override
    public boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return cluster.policy().maxVmsPerHost() > 0;
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        int max = cluster.policy().maxVmsPerHost();
        if (max > 0 && host.vmCount() >= max) {
            return "already runs " + host.vmCount() + " VMs, the cluster allows " + max + " per host";
        }
        return null;
    }
}
