package dev.vireo.engine.scheduling;

import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hosts.Host;
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

    /**
     * Serializes placement within one cluster for the rest of the transaction (a PostgreSQL advisory
     * lock), so concurrent starts cannot both book the last free memory of a host.
     */
    public ClusterSnapshot lockAndRead(UUID clusterId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(cast(?1 as text)))")
                .setParameter(1, clusterId.toString())
                .getSingleResult();
        Cluster cluster = Cluster.findById(clusterId);
        Map<UUID, Long> committed = new HashMap<>();
        List<Object[]> rows = em.createQuery(
                        "select v.hostId, sum(v.memoryMiB) from Vm v where v.hostId is not null and v.status <> :down group by v.hostId",
                        Object[].class)
                .setParameter("down", VmStatus.DOWN)
                .getResultList();
        for (Object[] row : rows) {
            committed.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        List<HostCandidate> hosts = Host.<Host>list("clusterId", clusterId).stream()
                .map(h -> new HostCandidate(h.id, h.name, h.status, sessions.isConnected(h.id),
                        h.memoryMiB == null ? 0 : h.memoryMiB, committed.getOrDefault(h.id, 0L)))
                .toList();
        return new ClusterSnapshot(clusterId, cluster == null ? "?" : cluster.name, hosts);
    }
}
