package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

import java.util.TreeSet;

/**
 * A VM only lands on, or migrates to, hosts that carry all its networks: every bridge its NICs are on.
 * A host that has not reported its bridges (an agent older than host NIC reports) is not judged.
 */
public final class NetworkFilter implements HostFilter {
    @Override
    public String name() {
        return "network";
    }

    @Override
    public boolean mayReject(PlacementRequest request, ClusterSnapshot cluster) {
        return !request.bridges().isEmpty();
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (request.bridges().isEmpty() || host.bridges() == null || host.bridges().containsAll(request.bridges())) {
            return null;
        }
        TreeSet<String> missing = new TreeSet<>(request.bridges());
        missing.removeAll(host.bridges());
        if (missing.isEmpty()) {
            return null;
        }
        return "lacks the bridge" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                + " the VM's networks are carried on";
    }
}
