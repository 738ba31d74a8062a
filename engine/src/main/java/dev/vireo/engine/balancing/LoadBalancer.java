package dev.vireo.engine.balancing;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.SnapshotReader;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.MigrateVm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the {@link BalancePlanner} for every cluster now and then and carries out at most a configured number
 * of its migrations per run, telling why in the audit log. Only one engine replica balances at a time (a
 * PostgreSQL advisory lock), and a VM it moved stays put for a while (hysteresis against ping-pong).
 */
@ApplicationScoped
public class LoadBalancer {
    private static final long LOCK_KEY = 0x56495245_42414cL;   // "VIREBAL"

    @Inject
    SnapshotReader snapshots;
    @Inject
    MigrateVm migrate;
    @Inject
    EventLog events;
    @Inject
    EntityManager em;

    @ConfigProperty(name = "vireo.balancer.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "vireo.balancer.max-migrations-per-run", defaultValue = "1")
    int maxPerRun;
    @ConfigProperty(name = "vireo.balancer.settle-time", defaultValue = "10m")
    Duration settleTime;

    private final Map<UUID, Instant> recentlyMoved = new ConcurrentHashMap<>();

    @Scheduled(every = "${vireo.balancer.interval:60s}", delayed = "${vireo.balancer.interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!enabled) {
            return;
        }
        recentlyMoved.values().removeIf(t -> t.isBefore(Instant.now().minus(settleTime)));
        List<UUID> clusters = QuarkusTransaction.requiringNew().call(() -> Cluster.<Cluster>listAll().stream().map(c -> c.id).toList());
        for (UUID cluster : clusters) {
            for (int i = 0; i < maxPerRun; i++) {
                if (!balanceOnce(cluster)) {
                    break;
                }
            }
        }
    }

    /** @return whether a migration was started */
    boolean balanceOnce(UUID clusterId) {
        Optional<BalancePlanner.Move> move = QuarkusTransaction.requiringNew().call(() -> {
            boolean leader = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_KEY).getSingleResult();
            if (!leader || Vm.count("clusterId = ?1 and status = ?2", clusterId, VmStatus.MIGRATING) > 0) {
                return Optional.empty();   // another replica balances, or a move is still under way
            }
            ClusterSnapshot snapshot = snapshots.read(clusterId);
            List<BalancePlanner.RunningVm> running = Vm.<Vm>list("clusterId = ?1 and status = ?2", clusterId, VmStatus.RUNNING)
                    .stream().map(v -> new BalancePlanner.RunningVm(v.id, v.name, v.hostId, v.memoryMiB, v.vcpus)).toList();
            return BalancePlanner.propose(snapshot, running, recentlyMoved.keySet());
        });
        if (move.isEmpty()) {
            return false;
        }
        BalancePlanner.Move m = move.get();
        recentlyMoved.put(m.vmId(), Instant.now());
        events.info(Actors.SYSTEM, "balancer.move", "vm", m.vmId(), m.vmName(), "load balancer moves the VM from "
                + m.fromName() + " to " + m.toName() + ": " + m.why());
        try {
            migrate.begin(m.vmId(), m.to(), Actors.SYSTEM);
            return true;
        } catch (ApiException e) {
            events.warn(Actors.SYSTEM, "balancer.move-refused", "vm", m.vmId(), m.vmName(), "the move was refused: " + e.getMessage());
            return false;
        }
    }
}
