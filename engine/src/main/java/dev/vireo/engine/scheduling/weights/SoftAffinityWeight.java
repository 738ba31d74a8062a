package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.AffinityGroup;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

import java.util.UUID;

/**
 * Soft affinity groups as preferences: 100 for a host that honours every soft group of the VM, 0 for one
 * that honours none, the average in between; 50 when the VM is in no soft group (neutral).
 */
public final class SoftAffinityWeight implements HostWeight {
    @Override
    public String name() {
        return "soft_affinity";
    }

    @Override
    public double score(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        int rules = 0;
        int honoured = 0;
        for (AffinityGroup g : cluster.affinityGroups()) {
            if (g.hard() || !g.contains(request.vmId())) {
                continue;
            }
            if (g.vmPolarity() != Polarity.NONE) {
                boolean together = false;
                boolean anyPlaced = false;
                for (UUID other : g.vmIds()) {
                    UUID otherHost = other.equals(request.vmId()) ? null : cluster.vmHosts().get(other);
                    if (otherHost != null) {
                        anyPlaced = true;
                        together |= otherHost.equals(host.id());
                    }
                }
                if (anyPlaced) {
                    rules++;
                    if (together == (g.vmPolarity() == Polarity.POSITIVE)) {
                        honoured++;
                    }
                }
            }
            if (g.hostPolarity() != Polarity.NONE) {
                rules++;
                if (g.hostIds().contains(host.id()) == (g.hostPolarity() == Polarity.POSITIVE)) {
                    honoured++;
                }
            }
        }
        return rules == 0 ? 50 : 100.0 * honoured / rules;
    }
}
