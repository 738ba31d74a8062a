package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/**
 * A VM with a CPU model (its own, or its cluster's CPU type) only goes to hosts whose hypervisor offers that model,
 * as libvirt's domain capabilities say (a named model it marks usable, or the mode host-model, host-passthrough or
 * maximum). Hosts that do not report their models are not judged.
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
        if (request.cpuModel() == null || host.cpuModels() == null || host.cpuModels().contains(request.cpuModel())) {
            return null;
        }
        return "cannot run CPU model " + request.cpuModel() + " (its hypervisor offers " + host.cpuModels().size()
                + " models" + (host.cpuModels().isEmpty() ? "" : ", e.g. " + String.join(", ",
                host.cpuModels().stream().sorted().limit(5).toList())) + ")";
    }
}
