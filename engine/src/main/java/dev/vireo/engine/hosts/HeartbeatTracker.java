package dev.vireo.engine.hosts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heartbeats in memory, written to the database in one statement per monitor run. A heartbeat from a
 * settled host (UP or in maintenance) changes nothing but its timestamp, so thousands of hosts beating every
 * few seconds cost one UPDATE per interval instead of one transaction per beat.
 */
@ApplicationScoped
public class HeartbeatTracker {
    private static final int CHUNK = 1000;

    private record Beat(OffsetDateTime at, long freeMemoryMiB) {
    }

    private final Map<UUID, Beat> pending = new ConcurrentHashMap<>();
    private final Set<UUID> settled = ConcurrentHashMap.newKeySet();

    /** @return true when the beat needs no status change: it is only remembered, for the next flush */
    public boolean beat(UUID hostId, long freeMemoryMiB) {
        pending.put(hostId, new Beat(OffsetDateTime.now(), freeMemoryMiB));
        return settled.contains(hostId);
    }

    /** The host's status no longer depends on heartbeats arriving (it is UP or in maintenance). */
    public void settle(UUID hostId) {
        settled.add(hostId);
    }

    /** The host's next heartbeat must go through the full path (it went NON_RESPONSIVE). */
    public void unsettle(UUID hostId) {
        settled.remove(hostId);
    }

    /** Writes the remembered heartbeats; must run inside a transaction. */
    public int flush(EntityManager em) {
        List<Map.Entry<UUID, Beat>> beats = new ArrayList<>();
        for (UUID id : pending.keySet()) {
            Beat beat = pending.remove(id);
            if (beat != null) {
                beats.add(Map.entry(id, beat));
            }
        }
        for (int from = 0; from < beats.size(); from += CHUNK) {
            List<Map.Entry<UUID, Beat>> chunk = beats.subList(from, Math.min(beats.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("update hosts set last_heartbeat = v.at, free_memory_mib = "
                    + "case when v.free >= 0 then v.free else hosts.free_memory_mib end from (values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(cast(?").append(3 * i + 1).append(" as uuid), cast(?")
                        .append(3 * i + 2).append(" as timestamptz), cast(?").append(3 * i + 3).append(" as bigint))");
            }
            sql.append(") as v(id, at, free) where hosts.id = v.id");
            Query q = em.createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                q.setParameter(3 * i + 1, chunk.get(i).getKey().toString());
                q.setParameter(3 * i + 2, chunk.get(i).getValue().at());
                q.setParameter(3 * i + 3, chunk.get(i).getValue().freeMemoryMiB());
            }
            q.executeUpdate();
        }
        return beats.size();
    }
}
