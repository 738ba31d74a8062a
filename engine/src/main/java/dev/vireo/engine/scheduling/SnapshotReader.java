package dev.vireo.engine.scheduling;

import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hosts.Host;
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

    /** Without the lock: for explanations and dry runs, which commit nothing. */
    public ClusterSnapshot read(UUID clusterId) {
        Cluster cluster = Cluster.findById(clusterId);
        Map<UUID, Load> load = new HashMap<>();
        Map<UUID, UUID> vmHosts = new HashMap<>();
        List<Object[]> rows = em.createQuery(
                        "select v.id, v.hostId, v.memoryMiB, v.vcpus from Vm v "
                                + "where v.clusterId = :cluster and v.hostId is not null and v.status <> :down", Object[].class)
                .setParameter("cluster", clusterId)
                .setParameter("down", VmStatus.DOWN)
                .getResultList();
        for (Object[] row : rows) {
            UUID host = (UUID) row[1];
            vmHosts.put((UUID) row[0], host);
            load.merge(host, new Load(((Number) row[2]).longValue(), ((Number) row[3]).intValue(), 1),
                    (a, b) -> new Load(a.memoryMiB + b.memoryMiB, a.vcpus + b.vcpus, a.vms + b.vms));
        }
        List<HostCandidate> hosts = Host.<Host>list("clusterId", clusterId).stream()
                .map(h -> {
                    Load l = load.getOrDefault(h.id, new Load(0, 0, 0));
                    return new HostCandidate(h.id, h.name, h.status, sessions.isConnected(h.id),
                            h.memoryMiB == null ? 0 : h.memoryMiB, l.memoryMiB,
                            h.cpuCount == null ? 0 : h.cpuCount, l.vcpus, l.vms, h.cpuModel);
                })
                .toList();
        List<AffinityGroup> groups = AffinityGroupEntity.<AffinityGroupEntity>list("clusterId", clusterId).stream()
                .map(AffinityGroupEntity::toModel).toList();
        return new ClusterSnapshot(clusterId, cluster == null ? "?" : cluster.name,
                cluster == null ? SchedulingPolicy.defaults() : cluster.policy(), hosts, groups, vmHosts);
    }
}
