package dev.vireo.engine.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

    /** how many feasible hosts a decision looks for ({@link HostSampling}) */
    private final int feasibleToFind;
    /** where the next decision's scan starts: each decision goes on where the previous one stopped */
    private int cursor;

    /** Every host is scored for every decision. */
    public PlacementSession(ClusterSnapshot snapshot) {
        this(snapshot, 100);
    }

    /**
     * @param scorePercent the share of hosts a decision scores once the cluster is past 100 hosts: 0 for the
     *                     adaptive share, 100 for all ({@link HostSampling})
     */
    public PlacementSession(ClusterSnapshot snapshot, int scorePercent) {
        this.hosts = new ArrayList<>(snapshot.hosts());
        this.vmHosts = new HashMap<>(snapshot.vmHosts());
        for (int i = 0; i < hosts.size(); i++) {
            index.put(hosts.get(i).id(), i);
        }
        this.feasibleToFind = HostSampling.feasibleToFind(hosts.size(), scorePercent);
        // start somewhere else each batch, so the first hosts of the list are not everyone's first look
        this.cursor = hosts.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(hosts.size());
        this.view = new ClusterSnapshot(snapshot.clusterId(), snapshot.clusterName(), snapshot.policy(),
                hosts, snapshot.affinityGroups(), vmHosts);
    }

    public String clusterName() {
        return view.clusterName();
    }

    public Optional<HostCandidate> choose(PlacementRequest request) {
        if (feasibleToFind >= hosts.size()) {
            return Scheduler.best(view, request);
        }
        Scheduler.Sampled sampled = Scheduler.bestOfSample(view, request, cursor, feasibleToFind);
        cursor = sampled.next();
        return sampled.best();
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

    /** The load as this session leaves it, its bookings included: what the next batch may carry over. */
    public ClusterLoad load() {
        Map<UUID, ClusterLoad.HostLoad> load = new HashMap<>();
        for (HostCandidate h : hosts) {
            if (h.committedMiB() != 0 || h.committedVcpus() != 0 || h.vmCount() != 0) {
                load.put(h.id(), new ClusterLoad.HostLoad(h.committedMiB(), h.committedVcpus(), h.vmCount()));
            }
        }
        // where VMs run is read for affinity only: without groups there is nothing to carry
        return new ClusterLoad(load, view.affinityGroups().isEmpty() ? Map.of() : Map.copyOf(vmHosts));
    }
}
