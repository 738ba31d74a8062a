package dev.vireo.engine.hosts;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Marks a host NON_RESPONSIVE when its heartbeats stop for longer than the grace period, and its VMs
 * UNKNOWN: the engine no longer knows whether they run. The grace also counts from the engine's own start,
 * so a restart does not make every host look dead before its agent had time to reconnect.
 */
@ApplicationScoped
public class HostMonitor {

    @ConfigProperty(name = "vireo.hosts.heartbeat-grace", defaultValue = "20s")
    Duration grace;

    @Inject
    EventLog events;
    @Inject
    HeartbeatTracker heartbeats;
    @Inject
    dev.vireo.engine.hosts.fencing.HighAvailability highAvailability;
    @Inject
    jakarta.persistence.EntityManager em;

    private final OffsetDateTime engineStart = OffsetDateTime.now();

    @Scheduled(every = "${vireo.hosts.monitor-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkHeartbeats() {
        QuarkusTransaction.requiringNew().run(() -> heartbeats.flush(em));
        OffsetDateTime deadline = OffsetDateTime.now().minus(grace);
        if (engineStart.isAfter(deadline)) {
            return;
        }
        List<Host> lost = QuarkusTransaction.requiringNew().call(() -> {
            List<Host> silent = Host.list("status in ?1 and (lastHeartbeat is null or lastHeartbeat < ?2)",
                    List.of(HostStatus.UP, HostStatus.PREPARING_FOR_MAINTENANCE), deadline);
            for (Host host : silent) {
                host.status = HostStatus.NON_RESPONSIVE;
                heartbeats.unsettle(host.id);
                events.warn(Actors.SYSTEM, "host.non-responsive", "host", host.id, host.name,
                        "no heartbeat for more than " + grace.toSeconds() + " s");
                List<Vm> vms = Vm.list("hostId = ?1 and status <> ?2", host.id, VmStatus.DOWN);
                for (Vm vm : vms) {
                    vm.setStatus(VmStatus.UNKNOWN);
                    events.warn(Actors.SYSTEM, "vm.unknown", "vm", vm.id, vm.name,
                            "state unknown: host " + host.name + " is not responding");
                }
            }
            return silent;
        });
        lost.forEach(h -> highAvailability.hostLost(h.id, h.name));
    }
}
