package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;

/** Only UP hosts whose agent is connected take VMs (not MAINTENANCE, NON_RESPONSIVE or INSTALLING). */
public final class HostUpFilter implements HostFilter {
    @Override
    public String name() {
        return "host_up";
    }

    @Override
    public String reject(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        if (host.status() != HostStatus.UP) {
            return "is " + host.status();
        }
        if (!host.connected()) {
            return "its agent is not connected";
        }
        if (request.excludeHosts().contains(host.id())) {
            return "is excluded for this request";
        }
        return null;
    }
}
