package dev.vireo.engine.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One snapshot, many decisions: a batch of placements decides one after the other on the same snapshot,
 * booking each decision before the next, so the batch commits together without overbooking. Mutates
 * its own copies of the host list and the VM placements in place (no copy per decision: that is what
 * keeps a decision cheap at thousands of hosts).
 */
public final class PlacementSession {
    private final ArrayList<HostCandidate> hosts;
    private final HashMap<UUID, UUID> vmHosts;
    private final Map<UUID, Integer> index = new HashMap<>();
    private final ClusterSnapshot view;

    public PlacementSession(ClusterSnapshot snapshot) {
        this.hosts = new ArrayList<>(snapshot.hosts());
        this.vmHosts = new HashMap<>(snapshot.vmHosts());
        for (int i = 0; i < hosts.size(); i++) {
            index.put(hosts.get(i).id(), i);
        }
        this.view = new ClusterSnapshot(snapshot.clusterId(), snapshot.clusterName(), snapshot.policy(),
                hosts, snapshot.affinityGroups(), vmHosts);
    }

    public String clusterName() {
        return view.clusterName();
    }

    public Optional<HostCandidate> choose(PlacementRequest request) {
        return Scheduler.best(view, request);
    }

    /** The full explanation, for a request that found no host. */
    public Ranking explain(PlacementRequest request) {
        return Scheduler.rank(view, request);
    }

    public void book(PlacementRequest request, UUID hostId) {
        int i = index.get(hostId);
        hosts.set(i, hosts.get(i).with(request));
        vmHosts.put(request.vmId(), hostId);
    }

    public List<HostCandidate> hosts() {
        return List.copyOf(hosts);
    }
}
