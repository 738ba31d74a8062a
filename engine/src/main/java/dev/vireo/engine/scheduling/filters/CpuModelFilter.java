package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * A VM that needs a CPU model (it runs, or ran, with that model's features) only goes to hosts with that
 * model; the first step towards libvirt's CPU comparison for migration.
 */
public final class CpuModelFilter implements HostFilter {
    @Override
    public String name() {
        return "cpu_model";
    }

    @Override
    public boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return request.cpuModel() != null;
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (request.cpuModel() != null && !request.cpuModel().equals(host.cpuModel())) {
            return "has CPU model " + host.cpuModel() + ", the VM needs " + request.cpuModel();
        }
        return null;
    }
}
