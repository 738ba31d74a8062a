package dev.vireo.engine.reconcile;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.HeartbeatTracker;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostFactsUpdater;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.HostFacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Takes what agents report about their host and hands domain news to the {@link VmStateReconciler}. */
@ApplicationScoped
public class AgentReports {

    @Inject
    EventLog events;
    @Inject
    MeterRegistry metrics;

    /** agent's send time to processed: whether the engine keeps up with its fleet's reports */
    private Timer reportLag;

    @PostConstruct
    void meters() {
        reportLag = Timer.builder("vireo.reports.lag").description("a state report, from the agent sending it to processed")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }
    @Inject
    HostFactsUpdater factsUpdater;
    @Inject
    VmStateReconciler reconciler;
    @Inject
    HeartbeatTracker heartbeats;
    @Inject
    dev.vireo.engine.hostnetwork.NetworkSetups networkSetups;

    public void hello(UUID hostId, HostFacts facts) {
        storedNics.remove(hostId);   // the hello's facts store NICs of their own
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
            if (host == null) {
                return;
            }
            if (facts != null) {
                factsUpdater.apply(host, facts);
            }
            host.lastHeartbeat = OffsetDateTime.now();
            markUp(host, "agent connected (" + host.domainType + " domains, libvirt " + host.libvirtVersion
                    + ", QEMU " + host.qemuVersion + ")");
        });
        heartbeats.settle(hostId);
    }

    /** Usually only remembered (see {@link HeartbeatTracker}); a host coming back goes through the database. */
    public void heartbeat(UUID hostId, AgentMessage.Heartbeat beat) {
        if (heartbeats.beat(hostId, beat.freeMemoryMiB())) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId);
            if (host == null) {
                return;
            }
            host.lastHeartbeat = OffsetDateTime.now();
            if (beat.freeMemoryMiB() >= 0) {
                host.freeMemoryMiB = beat.freeMemoryMiB();
            }
            markUp(host, "heartbeats are back");
        });
        heartbeats.settle(hostId);
    }

    /** @param sentAtMillis the agent's clock when it sent the report (0: an older agent; no lag is recorded) */
    public void stateReport(UUID hostId, List<DomainStatus> domains, long sentAtMillis) {
        reconciler.applyReport(hostId, domains);
        if (sentAtMillis > 0) {
            reportLag.record(Math.max(0, System.currentTimeMillis() - sentAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** NICs last stored per host: a report with the same NICs (nearly all of them) needs no transaction. */
    private final Map<UUID, List<dev.vireo.protocol.HostNic>> storedNics = new ConcurrentHashMap<>();

    /** The NICs of every state report; Hibernate writes the row only when the JSON changed. */
    public void hostNics(UUID hostId, List<dev.vireo.protocol.HostNic> nics) {
        if (nics == null || nics.equals(storedNics.get(hostId))) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId);
            if (host != null) {
                factsUpdater.applyNics(host, nics);
            }
        });
        storedNics.put(hostId, List.copyOf(nics));
    }

    public void networkRollback(UUID hostId, AgentMessage.NetworkRollback rollback) {
        networkSetups.rolledBack(hostId, rollback.setupId(), rollback.reason());
    }

    public void lifecycle(UUID hostId, AgentMessage.Lifecycle event) {
        reconciler.applyLifecycle(hostId, event.domain(), event.event(), event.detail());
    }

    private void markUp(Host host, String why) {
        if (host.status == HostStatus.INSTALLING || host.status == HostStatus.NON_RESPONSIVE
                || host.status == HostStatus.FENCED) {
            host.status = HostStatus.UP;
            events.info(Actors.agent(host.name), "host.up", "host", host.id, host.name, "host is UP: " + why);
        }
    }
}
