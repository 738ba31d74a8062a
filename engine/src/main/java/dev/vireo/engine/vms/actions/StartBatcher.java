package dev.vireo.engine.vms.actions;

import dev.vireo.engine.network.Network;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.scheduling.ClusterLoad;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.LoadCache;
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
 * Commits VM placements in batches: a worker takes every start request waiting, locks their VMs and reads
 * what their domains need, then locks their clusters (a PostgreSQL advisory lock per cluster, so other
 * workers and engine replicas wait too), reads each cluster once, decides one request after the other on
 * that snapshot while booking each decision, and commits the whole batch in one transaction. Placement
 * stays exact under any concurrency and costs one snapshot read and one commit per batch, not per request.
 * The hosts' load is carried from one batch to the next while nobody else holds the lock ({@link LoadCache}),
 * so a batch in a cluster of 100,000 VMs does not sum them all up again. With more than one worker
 * ({@code vireo.scheduling.batch-workers}) one batch prepares while another holds the lock.
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

    /** how long a batch may carry the hosts' load over from the previous one before reading it again */
    @ConfigProperty(name = "vireo.scheduling.load-max-age", defaultValue = "1s")
    java.time.Duration loadMaxAge;
    private LoadCache loads;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    @ConfigProperty(name = "vireo.scheduling.batch-max", defaultValue = "500")
    int batchMax;
    /**
     * batches handled at once: one prepares its VMs while another holds the cluster lock. One by default: on
     * 2 cores a second worker only competes for the CPU (bench/RESULTS.md); more may pay with a remote database.
     */
    @ConfigProperty(name = "vireo.scheduling.batch-workers", defaultValue = "1")
    int batchWorkers;
    /** share of hosts a start decision scores in clusters past 100 hosts: 0 adaptive (Kubernetes' rule), 100 all */
    @ConfigProperty(name = "vireo.scheduling.hosts-to-score-percent", defaultValue = "0")
    int scorePercent;
    @Inject
    MeterRegistry metrics;

    private Timer batchTimer;
    private Timer waitTimer;
    private DistributionSummary batchSizes;
    /**
     * Where a batch's time goes: its VMs, their definitions and their clusters' hosts read (prepare), waiting for
     * the cluster lock, the hosts' load read, deciding, writing, committing.
     */
    static final List<String> PHASES = List.of("prepare", "lock", "read", "decide", "write", "commit");
    private final Map<String, Timer> phases = new HashMap<>();

    @PostConstruct
    void meters() {
        batchTimer = Timer.builder("vireo.placement.batch").description("deciding and committing one batch of placements")
                .register(metrics);
        waitTimer = Timer.builder("vireo.placement.wait").description("a start request, from queued to placement committed")
                .publishPercentiles(0.5, 0.99).register(metrics);
        batchSizes = DistributionSummary.builder("vireo.placement.batch.size").description("start requests per batch")
                .register(metrics);
        for (String phase : PHASES) {
            phases.put(phase, Timer.builder("vireo.placement.phase").tag("phase", phase)
                    .description("one phase of a batch of placements").register(metrics));
        }
        loads = new LoadCache(loadMaxAge);
        worker = new BatchWorker<>("placement-batcher", batchWorkers, batchMax, this::processTimed,
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
        long[] marks = new long[PHASES.size()];
        QuarkusTransaction.requiringNew().run(() -> {
            outcomes.clear();
            marks[0] = System.nanoTime();
            // prepare: all that does not depend on where the cluster's VMs run, before the cluster lock, so that
            // another worker's batch can hold the lock meanwhile (vireo.scheduling.batch-workers)
            Map<UUID, Vm> vms = lockVms(batch.stream().map(Ticket::vmId).distinct().toList());
            List<Vm> startable = vms.values().stream().filter(v -> v.status == VmStatus.DOWN).toList();
            Set<UUID> startableIds = startable.stream().map(v -> v.id).collect(java.util.stream.Collectors.toSet());
            Map<UUID, Set<String>> bridges = Network.bridgesOf(startableIds);
            Map<UUID, Set<UUID>> diskHosts = LocalDisks.hostsOf(startableIds);
            // the agents' domain definitions, for every VM that may be placed
            Map<UUID, DomainSpec> specs = DomainSpecs.of(startable);
            // a fixed lock order, so two batches (or two replicas) placing into the same clusters cannot deadlock
            TreeSet<UUID> clusters = new TreeSet<>(startable.stream().map(v -> v.clusterId).toList());
            Map<UUID, ClusterSnapshot> facts = new HashMap<>();
            clusters.forEach(cluster -> facts.put(cluster, snapshots.readFacts(cluster)));
            marks[1] = System.nanoTime();
            Map<UUID, Long> generations = new HashMap<>();
            clusters.forEach(cluster -> generations.put(cluster, snapshots.lock(cluster)));
            marks[2] = System.nanoTime();
            // what the lock guards: the hosts' load, as the previous batch left it when nobody else held the lock
            // since, else read now (LoadCache)
            Map<UUID, Long> readAt = new HashMap<>();
            Map<UUID, PlacementSession> sessions = sessions(clusters, facts, generations, readAt, true);
            boolean carried = readAt.values().stream().anyMatch(t -> t < marks[2]);
            marks[3] = System.nanoTime();
            Map<UUID, Undo> undo = new HashMap<>();
            startable.forEach(v -> undo.put(v.id, new Undo(v.status, v.desiredState, v.hostId, v.lastHostId)));
            boolean[] noRoom = {false};
            Map<Ticket, Decision> decided = decideAll(batch, vms, bridges, diskHosts, sessions, outcomes, noRoom);
            if (carried && noRoom[0]) {
                // a carried-over load may overstate what is used (VMs stopped since): no "no host" on its word
                undo.forEach((id, u) -> u.restore(vms.get(id)));
                outcomes.clear();
                sessions = sessions(clusters, facts, generations, readAt, false);
                decided = decideAll(batch, vms, bridges, diskHosts, sessions, outcomes, noRoom);
            }
            marks[4] = System.nanoTime();
            Map<Ticket, Job> started = record(decided);
            decided.forEach((ticket, d) -> outcomes.put(ticket, new Placed(started.get(ticket), d.host().id(), d.host().name(),
                    specs.get(d.vm().id))));
            // before the commit, still under the lock: the next holder finds it only if this commit went through
            sessions.forEach((cluster, session) -> loads.remember(cluster, generations.get(cluster), readAt.get(cluster),
                    facts.get(cluster).affinityGroups(), session.load()));
            marks[5] = System.nanoTime();
        });
        long end = System.nanoTime();
        for (int i = 0; i < marks.length; i++) {
            phases.get(PHASES.get(i)).record((i + 1 < marks.length ? marks[i + 1] : end) - marks[i], TimeUnit.NANOSECONDS);
        }
        for (Ticket ticket : batch) {
            Object outcome = outcomes.get(ticket);
            if (outcome instanceof Placed placed) {
                ticket.result().complete(placed);
            } else {
                ticket.result().completeExceptionally((RuntimeException) outcome);
            }
        }
    }

    /** A session per cluster on the load carried over from the previous batch ({@code carry}) or read now. */
    private Map<UUID, PlacementSession> sessions(Set<UUID> clusters, Map<UUID, ClusterSnapshot> facts,
                                                 Map<UUID, Long> generations, Map<UUID, Long> readAt, boolean carry) {
        Map<UUID, PlacementSession> sessions = new HashMap<>();
        long now = System.nanoTime();
        for (UUID cluster : clusters) {
            ClusterSnapshot f = facts.get(cluster);
            long generation = generations.get(cluster);
            LoadCache.Carried carried = carry ? loads.carried(cluster, generation, f.affinityGroups(), now) : null;
            readAt.put(cluster, carried != null ? carried.readAtNanos() : now);
            ClusterLoad load = carried != null ? carried.load() : snapshots.readLoad(cluster, !f.affinityGroups().isEmpty());
            sessions.put(cluster, new PlacementSession(SnapshotReader.withLoad(f, load), Math.max(0, Math.min(100, scorePercent))));
        }
        return sessions;
    }

    /**
     * Decides the batch's tickets in order on the sessions; a refused ticket's error goes to {@code outcomes};
     * {@code noRoom[0]} tells whether any was refused for want of a host.
     */
    private Map<Ticket, Decision> decideAll(List<Ticket> batch, Map<UUID, Vm> vms, Map<UUID, Set<String>> bridges,
                                            Map<UUID, Set<UUID>> diskHosts, Map<UUID, PlacementSession> sessions,
                                            Map<Ticket, Object> outcomes, boolean[] noRoom) {
        Map<Ticket, Decision> decided = new LinkedHashMap<>();
        for (Ticket ticket : batch) {
            try {
                decided.put(ticket, decide(ticket, vms.get(ticket.vmId()), bridges, diskHosts, sessions, noRoom));
            } catch (ApiException e) {
                outcomes.put(ticket, e);
            }
        }
        return decided;
    }

    /**
     * The batch's VMs, locked in id order (as one array parameter: the same statement for any batch). Read-only
     * entities: the batch's changes are written by {@link #record}, one statement per table, not entity by entity.
     */
    private static Map<UUID, Vm> lockVms(List<UUID> ids) {
        Map<UUID, Vm> vms = new HashMap<>();
        Vm.getEntityManager().createNativeQuery("select * from vms where id = any(?1) order by id for update", Vm.class)
                .setParameter(1, ids.toArray(new UUID[0]))
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList().forEach(v -> vms.put(((Vm) v).id, (Vm) v));
        return vms;
    }

    private record Decision(Vm vm, HostCandidate host) {
    }

    /** A VM as it was before the batch decided on it (decisions change the read-only entity in memory only). */
    private record Undo(VmStatus status, DesiredState desired, UUID hostId, UUID lastHostId) {
        void restore(Vm vm) {
            vm.setStatus(status);
            vm.desiredState = desired;
            vm.hostId = hostId;
            vm.lastHostId = lastHostId;
        }
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
                            Map<UUID, PlacementSession> sessions, boolean[] noRoom) {
        if (vm == null) {
            throw ApiException.notFound("VM", ticket.vmId());
        }
        ActionSupport.requireStatus(vm, "started", java.util.Set.of(VmStatus.DOWN));
        PlacementSession session = sessions.get(vm.clusterId);
        PlacementRequest request = new PlacementRequest(vm.id, vm.name, vm.memoryMiB, vm.vcpus, vm.effectiveCpuModel(), Set.of())
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
            noRoom[0] = true;
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
