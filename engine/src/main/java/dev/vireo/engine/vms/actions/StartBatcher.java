package dev.vireo.engine.vms.actions;

import dev.vireo.engine.network.Network;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.storage.LocalDisks;
import dev.vireo.engine.scheduling.PlacementSession;
import dev.vireo.engine.scheduling.SnapshotReader;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.DomainSpec;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.HibernateHints;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits VM placements in batches: one worker takes every start request waiting, locks their VMs and
 * their clusters (a PostgreSQL advisory lock per cluster, so other engine replicas wait too), reads each
 * cluster once, decides one request after the other on that snapshot while booking each decision, and
 * commits the whole batch in one transaction. Placement stays exact under any concurrency and costs one
 * snapshot read and one commit per batch, not per request.
 */
@ApplicationScoped
public class StartBatcher {

    /** A placement that was committed: the VM is STARTING on {@code hostId}. */
    public record Placed(Job job, UUID hostId, String hostName, DomainSpec spec) {
    }

    private record Ticket(UUID vmId, String actor, CompletableFuture<Placed> result, long queuedAt) {
    }

    @Inject
    SnapshotReader snapshots;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    @ConfigProperty(name = "vireo.scheduling.batch-max", defaultValue = "500")
    int batchMax;
    /** share of hosts a start decision scores in clusters past 100 hosts: 0 adaptive (Kubernetes' rule), 100 all */
    @ConfigProperty(name = "vireo.scheduling.hosts-to-score-percent", defaultValue = "0")
    int scorePercent;
    @Inject
    MeterRegistry metrics;

    private Timer batchTimer;
    private Timer waitTimer;
    private DistributionSummary batchSizes;
    /** where a batch's time goes: locking and reading, deciding, writing, committing */
    private final Map<String, Timer> phases = new HashMap<>();

    @PostConstruct
    void meters() {
        batchTimer = Timer.builder("vireo.placement.batch").description("deciding and committing one batch of placements")
                .register(metrics);
        waitTimer = Timer.builder("vireo.placement.wait").description("a start request, from queued to placement committed")
                .publishPercentiles(0.5, 0.99).register(metrics);
        batchSizes = DistributionSummary.builder("vireo.placement.batch.size").description("start requests per batch")
                .register(metrics);
        for (String phase : List.of("read", "decide", "write", "commit")) {
            phases.put(phase, Timer.builder("vireo.placement.phase").tag("phase", phase)
                    .description("one phase of a batch of placements").register(metrics));
        }
        worker = new BatchWorker<>("placement-batcher", batchMax, this::processTimed,
                (batch, e) -> batch.forEach(t -> t.result().completeExceptionally(e)),
                t -> t.result().completeExceptionally(ApiException.unavailable("the engine is stopping")));
    }

    private BatchWorker<Ticket> worker;

    public Placed place(UUID vmId, String actor) {
        return await(placeAll(List.of(vmId), actor).get(0));
    }

    /**
     * Queues many starts at once (a bulk start): they usually land in one batch, so they cost one snapshot
     * read and one commit between them. Each future ends with its {@link Placed} or the {@link ApiException}
     * that refused it; {@link #await} waits for one.
     */
    public List<CompletableFuture<Placed>> placeAll(List<UUID> vmIds, String actor) {
        long now = System.nanoTime();
        List<Ticket> tickets = vmIds.stream().map(id -> new Ticket(id, actor, new CompletableFuture<>(), now)).toList();
        worker.addAll(tickets);
        return tickets.stream().map(Ticket::result).toList();
    }

    /** The placement, or the typed error that refused it; 503 when the batcher does not answer in 120 s. */
    public static Placed await(CompletableFuture<Placed> result) {
        try {
            return result.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("placement did not answer within 120 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while placing");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop();
    }

    private void processTimed(List<Ticket> batch) {
        long t0 = System.nanoTime();
        process(batch);
        long t1 = System.nanoTime();
        batchTimer.record(t1 - t0, TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        batch.forEach(t -> waitTimer.record(t1 - t.queuedAt(), TimeUnit.NANOSECONDS));
    }

    private void process(List<Ticket> batch) {
        Map<Ticket, Object> outcomes = new HashMap<>();   // Placed or RuntimeException
        long[] marks = new long[4];
        marks[0] = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            outcomes.clear();
            List<UUID> ids = batch.stream().map(Ticket::vmId).distinct().toList();
            Map<UUID, Vm> vms = new HashMap<>();
            // read-only: the batch's changes are written by record(), one statement per table, not entity by entity
            // (the ids as one array parameter: the same statement for any batch, and locked in id order)
            Vm.getEntityManager().createNativeQuery("select * from vms where id = any(?1) order by id for update", Vm.class)
                    .setParameter(1, ids.toArray(new UUID[0]))
                    .setHint(HibernateHints.HINT_READ_ONLY, true)
                    .getResultList().forEach(v -> vms.put(((Vm) v).id, (Vm) v));
            Map<UUID, PlacementSession> sessions = new HashMap<>();
            // a fixed lock order, so two replicas placing into the same clusters cannot deadlock
            for (UUID cluster : new TreeSet<>(vms.values().stream().map(v -> v.clusterId).toList())) {
                sessions.put(cluster, new PlacementSession(snapshots.lockAndRead(cluster), Math.max(0, Math.min(100, scorePercent))));
            }
            Map<UUID, Set<String>> bridges = Network.bridgesOf(vms.keySet());
            Map<UUID, Set<UUID>> diskHosts = LocalDisks.hostsOf(vms.keySet());
            marks[1] = System.nanoTime();
            Map<Ticket, Decision> decided = new LinkedHashMap<>();
            for (Ticket ticket : batch) {
                try {
                    decided.put(ticket, decide(ticket, vms.get(ticket.vmId()), bridges, diskHosts, sessions));
                } catch (ApiException e) {
                    outcomes.put(ticket, e);
                }
            }
            marks[2] = System.nanoTime();
            Map<Ticket, Job> started = record(decided);
            // the agents' domain definitions, for every placed VM at once
            Map<UUID, DomainSpec> specs = DomainSpecs.of(decided.values().stream().map(Decision::vm).toList());
            decided.forEach((ticket, d) -> outcomes.put(ticket, new Placed(started.get(ticket), d.host().id(), d.host().name(),
                    specs.get(d.vm().id))));
            marks[3] = System.nanoTime();
        });
        long end = System.nanoTime();
        phases.get("read").record(marks[1] - marks[0], TimeUnit.NANOSECONDS);
        phases.get("decide").record(marks[2] - marks[1], TimeUnit.NANOSECONDS);
        phases.get("write").record(marks[3] - marks[2], TimeUnit.NANOSECONDS);
        phases.get("commit").record(end - marks[3], TimeUnit.NANOSECONDS);
        for (Ticket ticket : batch) {
            Object outcome = outcomes.get(ticket);
            if (outcome instanceof Placed placed) {
                ticket.result().complete(placed);
            } else {
                ticket.result().completeExceptionally((RuntimeException) outcome);
            }
        }
    }

    private record Decision(Vm vm, HostCandidate host) {
    }

    /** Writes a batch's decisions: the VMs STARTING on their hosts, a job and an audit line for each. */
    private Map<Ticket, Job> record(Map<Ticket, Decision> decided) {
        if (decided.isEmpty()) {
            return Map.of();
        }
        List<Decision> decisions = List.copyOf(decided.values());
        BulkSql.execute(Vm.getEntityManager(), "update vms set host_id = d.host, last_host_id = d.host, desired_state = ?, "
                        + "status = ?, updated_at = clock_timestamp(), version = version + 1 "
                        + "from unnest(?, ?) as d(id, host) where vms.id = d.id",
                DesiredState.UP.name(), VmStatus.STARTING.name(),
                SqlArray.uuids(decisions.stream().map(d -> d.vm().id).toList()),
                SqlArray.uuids(decisions.stream().map(d -> d.host().id()).toList()));
        List<Job> jobList = jobs.beginAll("start", decided.entrySet().stream()
                .map(e -> new Jobs.Begin(e.getKey().actor(), e.getValue().vm().id, e.getValue().host().id(),
                        "starting on host " + e.getValue().host().name())).toList());
        events.recordAll(decided.entrySet().stream()
                .map(e -> EventLog.Entry.info(e.getKey().actor(), "vm.start", "vm", e.getValue().vm().id, e.getValue().vm().name,
                        "start requested; placed on host " + e.getValue().host().name())).toList());
        Map<Ticket, Job> started = new HashMap<>();
        int i = 0;
        for (Ticket ticket : decided.keySet()) {
            started.put(ticket, jobList.get(i++));
        }
        return started;
    }

    private Decision decide(Ticket ticket, Vm vm, Map<UUID, Set<String>> bridges, Map<UUID, Set<UUID>> diskHosts,
                            Map<UUID, PlacementSession> sessions) {
        if (vm == null) {
            throw ApiException.notFound("VM", ticket.vmId());
        }
        ActionSupport.requireStatus(vm, "started", java.util.Set.of(VmStatus.DOWN));
        PlacementSession session = sessions.get(vm.clusterId);
        PlacementRequest request = PlacementRequest.of(vm.id, vm.name, vm.memoryMiB, vm.vcpus)
                .withBridges(bridges.getOrDefault(vm.id, Set.of()));
        Set<UUID> holders = diskHosts.getOrDefault(vm.id, Set.of());
        if (holders.size() > 1) {
            throw ApiException.conflict("VM " + vm.name + " has disks on non-shared storage of " + holders.size()
                    + " different hosts; it can run on none of them");
        }
        if (!holders.isEmpty()) {
            // its disks on non-shared storage are on one host: only that host can run it
            UUID holder = holders.iterator().next();
            Set<UUID> others = new java.util.HashSet<>();
            session.hosts().forEach(h -> others.add(h.id()));
            others.remove(holder);
            request = new PlacementRequest(request.vmId(), request.vmName(), request.memoryMiB(), request.vcpus(),
                    request.cpuModel(), others, request.bridges());
        }
        Optional<HostCandidate> host = session.choose(request);
        if (host.isEmpty()) {
            throw ApiException.conflict("no host in cluster '" + session.clusterName() + "' can run VM " + vm.name
                    + " (" + vm.memoryMiB + " MiB, " + vm.vcpus + " vCPU): " + session.explain(request).explain());
        }
        HostCandidate h = host.get();
        session.book(request, h.id());
        // in memory only (the entity is read-only): a second ticket for this VM in the batch sees it STARTING
        vm.placeOn(h.id());
        vm.desiredState = DesiredState.UP;
        vm.setStatus(VmStatus.STARTING);
        return new Decision(vm, h);
    }
}
