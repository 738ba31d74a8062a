package dev.vireo.engine.scheduling;

import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hostnetwork.HostBridges;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.affinity.AffinityGroupEntity;
import dev.vireo.engine.vms.VmStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a {@link ClusterSnapshot} inside the caller's transaction. */
@ApplicationScoped
public class SnapshotReader {

    @Inject
    EntityManager em;
    @Inject
    AgentSessions sessions;

    /**
     * Serializes placement within one cluster for the rest of the transaction (a PostgreSQL advisory
     * lock), so concurrent starts cannot both book the last free memory of a host.
     */
    public ClusterSnapshot lockAndRead(UUID clusterId) {
        lock(clusterId);
        return read(clusterId);
    }

    /**
     * The placement lock of {@link #lockAndRead} alone, held until the transaction ends; bumps the cluster's
     * placement generation, which tells the next holder whether anyone else held the lock ({@link LoadCache}).
     *
     * @return the generation this transaction commits (0 for an unknown cluster)
     */
    public long lock(UUID clusterId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(cast(?1 as text)))")
                .setParameter(1, clusterId.toString())
                .getSingleResult();
        List<?> generation = em.createNativeQuery("update clusters set placement_generation = placement_generation + 1 "
                        + "where id = ?1 returning placement_generation")
                .setParameter(1, clusterId)
                .getResultList();
        return generation.isEmpty() ? 0 : ((Number) generation.get(0)).longValue();
    }

    /**
     * Without the lock: for explanations and dry runs, which commit nothing. Plain projections, no
     * entities: a batch must not pay for hydrating and dirty-checking thousands of hosts.
     */
    public ClusterSnapshot read(UUID clusterId) {
        return withLoad(readFacts(clusterId));
    }

    /**
     * What the placement lock does not guard: the cluster's policy, its hosts (their state, size, CPU model and
     * bridges, no load yet) and its affinity groups. A batch reads this before it waits for the lock; none of it
     * changes by placing VMs (a host going into maintenance meanwhile is the same race as one a moment after a
     * placement commits).
     */
    public ClusterSnapshot readFacts(UUID clusterId) {
        Cluster cluster = Cluster.findById(clusterId);
        Predicate<UUID> connected = sessions.connectedNow();
        List<HostCandidate> hosts = em.createQuery(
                        "select h.id, h.name, h.status, h.memoryMiB, h.cpuCount, h.cpuModel, h.nics, h.cpuModels from Host h where h.clusterId = :cluster",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .getResultList().stream()
                .map(r -> new HostCandidate((UUID) r[0], (String) r[1], (HostStatus) r[2], connected.test((UUID) r[0]),
                        r[3] == null ? 0 : (Long) r[3], 0, r[4] == null ? 0 : (Integer) r[4], 0, 0,
                        (String) r[5], HostBridges.of((String) r[6]), Host.cpuModelSet((String) r[7])))
                .toList();
        List<AffinityGroup> groups = AffinityGroupEntity.<AffinityGroupEntity>list("clusterId", clusterId).stream()
                .map(AffinityGroupEntity::toModel).toList();
        return new ClusterSnapshot(clusterId, cluster == null ? "?" : cluster.name,
                cluster == null ? SchedulingPolicy.defaults() : cluster.policy(), hosts, groups, Map.of());
    }

    /** {@code facts} with the load read now: what makes placement exact when read under the lock. */
    public ClusterSnapshot withLoad(ClusterSnapshot facts) {
        return withLoad(facts, readLoad(facts.clusterId(), !facts.affinityGroups().isEmpty()));
    }

    /** {@code facts} (hosts without load) with each host's load and where the affinity groups' VMs run. */
    public static ClusterSnapshot withLoad(ClusterSnapshot facts, ClusterLoad load) {
        List<HostCandidate> hosts = facts.hosts().stream()
                .map(h -> {
                    ClusterLoad.HostLoad l = load.hosts().get(h.id());
                    return l == null ? h : new HostCandidate(h.id(), h.name(), h.status(), h.connected(), h.memoryMiB(),
                            l.memoryMiB(), h.cpuCount(), l.vcpus(), l.vms(), h.cpuModel(), h.bridges(), h.cpuModels());
                })
                .toList();
        return new ClusterSnapshot(facts.clusterId(), facts.clusterName(), facts.policy(), hosts, facts.affinityGroups(),
                load.vmHosts());
    }

    /**
     * Each host's load (VMs placed on it, starting or migrating in) and, with {@code groups}, where the VMs
     * of affinity groups run.
     */
    public ClusterLoad readLoad(UUID clusterId, boolean groups) {
        Map<UUID, ClusterLoad.HostLoad> load = new HashMap<>();
        em.createQuery("select v.hostId, sum(v.memoryMiB), sum(v.vcpus), count(v) from Vm v "
                                + "where v.clusterId = :cluster and v.hostId is not null and v.status <> :down group by v.hostId",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .setParameter("down", VmStatus.DOWN)
                .getResultList()
                .forEach(row -> load.put((UUID) row[0], hostLoad(row)));
        // a VM moving to a host is booked there as well as on its source
        em.createQuery("select v.migratingToHostId, sum(v.memoryMiB), sum(v.vcpus), count(v) from Vm v "
                                + "where v.clusterId = :cluster and v.migratingToHostId is not null group by v.migratingToHostId",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .getResultList()
                .forEach(row -> load.merge((UUID) row[0], hostLoad(row), ClusterLoad.HostLoad::plus));
        // where VMs run matters only for affinity: read it only for the VMs that are in a group
        Map<UUID, UUID> vmHosts = new HashMap<>();
        if (groups) {
            em.createQuery("select v.id, v.hostId from Vm v where v.clusterId = :cluster and v.hostId is not null "
                                    + "and v.status <> :down and v.id in (select m from AffinityGroupEntity g join g.vmIds m "
                                    + "where g.clusterId = :cluster)", Object[].class)
                    .setParameter("cluster", clusterId)
                    .setParameter("down", VmStatus.DOWN)
                    .getResultList()
                    .forEach(r -> vmHosts.put((UUID) r[0], (UUID) r[1]));
        }
        return new ClusterLoad(load, vmHosts);
    }

    private static ClusterLoad.HostLoad hostLoad(Object[] row) {
        return new ClusterLoad.HostLoad(((Number) row[1]).longValue(), ((Number) row[2]).intValue(), ((Number) row[3]).intValue());
    }
}
