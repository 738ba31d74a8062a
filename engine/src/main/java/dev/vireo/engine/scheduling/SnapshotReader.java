package dev.vireo.engine.scheduling;

import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.clusters.Cluster;
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

/** Reads a {@link ClusterSnapshot} inside the caller's transaction. */
@ApplicationScoped
public class SnapshotReader {

    @Inject
    EntityManager em;
    @Inject
    AgentSessions sessions;

    private record Load(long memoryMiB, int vcpus, int vms) {
    }

    /**
     * Serializes placement within one cluster for the rest of the transaction (a PostgreSQL advisory
     * lock), so concurrent starts cannot both book the last free memory of a host.
     */
    public ClusterSnapshot lockAndRead(UUID clusterId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(cast(?1 as text)))")
                .setParameter(1, clusterId.toString())
                .getSingleResult();
        return read(clusterId);
    }

    /**
     * Without the lock: for explanations and dry runs, which commit nothing. Plain projections, no
     * entities: a batch must not pay for hydrating and dirty-checking thousands of hosts.
     */
    public ClusterSnapshot read(UUID clusterId) {
        Cluster cluster = Cluster.findById(clusterId);
        Map<UUID, Load> load = new HashMap<>();
        List<Object[]> perHost = em.createQuery(
                        "select v.hostId, sum(v.memoryMiB), sum(v.vcpus), count(v) from Vm v "
                                + "where v.clusterId = :cluster and v.hostId is not null and v.status <> :down group by v.hostId",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .setParameter("down", VmStatus.DOWN)
                .getResultList();
        for (Object[] row : perHost) {
            load.put((UUID) row[0], new Load(((Number) row[1]).longValue(), ((Number) row[2]).intValue(),
                    ((Number) row[3]).intValue()));
        }
        // a VM moving to a host is booked there as well as on its source
        em.createQuery("select v.migratingToHostId, sum(v.memoryMiB), sum(v.vcpus), count(v) from Vm v "
                                + "where v.clusterId = :cluster and v.migratingToHostId is not null group by v.migratingToHostId",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .getResultList()
                .forEach(row -> load.merge((UUID) row[0], new Load(((Number) row[1]).longValue(),
                                ((Number) row[2]).intValue(), ((Number) row[3]).intValue()),
                        (a, b) -> new Load(a.memoryMiB + b.memoryMiB, a.vcpus + b.vcpus, a.vms + b.vms)));
        List<HostCandidate> hosts = em.createQuery(
                        "select h.id, h.name, h.status, h.memoryMiB, h.cpuCount, h.cpuModel, h.nics from Host h where h.clusterId = :cluster",
                        Object[].class)
                .setParameter("cluster", clusterId)
                .getResultList().stream()
                .map(r -> {
                    UUID id = (UUID) r[0];
                    Load l = load.getOrDefault(id, new Load(0, 0, 0));
                    return new HostCandidate(id, (String) r[1], (HostStatus) r[2], sessions.isConnected(id),
                            r[3] == null ? 0 : (Long) r[3], l.memoryMiB, r[4] == null ? 0 : (Integer) r[4], l.vcpus, l.vms,
                            (String) r[5], dev.vireo.engine.hostnetwork.HostBridges.of((String) r[6]));
                })
                .toList();
        List<AffinityGroup> groups = AffinityGroupEntity.<AffinityGroupEntity>list("clusterId", clusterId).stream()
                .map(AffinityGroupEntity::toModel).toList();
        // where VMs run matters only for affinity: read it only for the VMs that are in a group
        Map<UUID, UUID> vmHosts = new HashMap<>();
        if (!groups.isEmpty()) {
            em.createQuery("select v.id, v.hostId from Vm v where v.clusterId = :cluster and v.hostId is not null "
                                    + "and v.status <> :down and v.id in (select m from AffinityGroupEntity g join g.vmIds m "
                                    + "where g.clusterId = :cluster)", Object[].class)
                    .setParameter("cluster", clusterId)
                    .setParameter("down", VmStatus.DOWN)
                    .getResultList()
                    .forEach(r -> vmHosts.put((UUID) r[0], (UUID) r[1]));
        }
        return new ClusterSnapshot(clusterId, cluster == null ? "?" : cluster.name,
                cluster == null ? SchedulingPolicy.defaults() : cluster.policy(), hosts, groups, vmHosts);
    }
}
