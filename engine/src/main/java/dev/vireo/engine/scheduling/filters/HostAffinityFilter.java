package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.AffinityGroup;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** Hard VM-host affinity: pinned to the group's hosts (positive) or kept off them (negative). */
public final class HostAffinityFilter implements HostFilter {
    @Override
    public String name() {
        return "host_affinity";
    }

    @Override
    public boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return cluster.affinityGroups().stream().anyMatch(g -> g.hard() && g.hostPolarity() != AffinityGroup.Polarity.NONE
                && g.contains(request.vmId()));
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        for (AffinityGroup g : cluster.affinityGroups()) {
            if (!g.hard() || g.hostPolarity() == AffinityGroup.Polarity.NONE || !g.contains(request.vmId())) {
                continue;
            }
            boolean listed = g.hostIds().contains(host.id());
            if (g.hostPolarity() == AffinityGroup.Polarity.POSITIVE && !listed) {
                return "is not one of the hosts of affinity group '" + g.name() + "'";
            }
            if (g.hostPolarity() == AffinityGroup.Polarity.NEGATIVE && listed) {
                return "is excluded by affinity group '" + g.name() + "'";
            }
        }
        return null;
    }
}
