package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.AffinityGroup;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

import java.util.UUID;

/** Hard VM-VM affinity: with the group's running VMs (positive) or away from them (negative). */
public final class VmAffinityFilter implements HostFilter {
    @Override
    public String name() {
        return "vm_affinity";
    }

    @Override
    public boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return cluster.affinityGroups().stream().anyMatch(g -> g.hard() && g.vmPolarity() != AffinityGroup.Polarity.NONE
                && g.contains(request.vmId()));
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        for (AffinityGroup g : cluster.affinityGroups()) {
            if (!g.hard() || g.vmPolarity() == AffinityGroup.Polarity.NONE || !g.contains(request.vmId())) {
                continue;
            }
            for (UUID other : g.vmIds()) {
                UUID otherHost = other.equals(request.vmId()) ? null : cluster.vmHosts().get(other);
                if (otherHost == null) {
                    continue;
                }
                if (g.vmPolarity() == AffinityGroup.Polarity.NEGATIVE && otherHost.equals(host.id())) {
                    return "runs a VM of negative affinity group '" + g.name() + "'";
                }
                if (g.vmPolarity() == AffinityGroup.Polarity.POSITIVE && !otherHost.equals(host.id())) {
                    return "is not where the VMs of positive affinity group '" + g.name() + "' run";
                }
            }
        }
        return null;
    }
}
