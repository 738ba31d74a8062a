package dev.vireo.engine.hosts;

import dev.vireo.engine.network.Network;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.PlacementSession;
import dev.vireo.engine.scheduling.SnapshotReader;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.MigrateVm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Maintenance with VMs on the host: first a dry run (every VM must have somewhere to go, booked one after
 * the other, else nothing starts and the answer names the VMs that cannot move and why), then the host turns
 * PREPARING_FOR_MAINTENANCE, every VM is live-migrated away, and a job watches until the host is empty
 * (MAINTENANCE) or its migrations are over with VMs left (back to UP, with the reason).
 */
@ApplicationScoped
public class Evacuation {

    @Inject
    SnapshotReader snapshots;
    @Inject
    MigrateVm migrate;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "evacuation");
        t.setDaemon(true);
        return t;
    });

    void stop(@Observes ShutdownEvent event) {
        watcher.shutdownNow();
    }

    private record Plan(Job job, String hostName, List<UUID> vms) {
    }

    /** @return the evacuation job; the host is PREPARING_FOR_MAINTENANCE when this returns */
    public Job begin(UUID hostId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
            List<Vm> vms = Vm.list("hostId = ?1 and status <> ?2", hostId, VmStatus.DOWN);
            List<String> blocked = new ArrayList<>();
            PlacementSession session = new PlacementSession(snapshots.lockAndRead(host.clusterId));
            for (Vm vm : vms) {
                if (vm.status != VmStatus.RUNNING) {
                    blocked.add("VM " + vm.name + " is " + vm.status + " and cannot be live-migrated");
                    continue;
                }
                PlacementRequest request = new PlacementRequest(vm.id, vm.name, vm.memoryMiB, vm.vcpus, vm.effectiveCpuModel(), Set.of(hostId),
                        Network.bridgesOf(vm.id));
                Optional<HostCandidate> target = session.choose(request);
                if (target.isEmpty()) {
                    blocked.add("VM " + vm.name + " has nowhere to go (" + session.explain(request).explain() + ")");
                } else {
                    session.book(request, target.get().id());
                }
            }
            if (!blocked.isEmpty()) {
                throw ApiException.conflict("host " + host.name + " cannot go into maintenance: " + String.join("; ", blocked));
            }
            host.status = HostStatus.PREPARING_FOR_MAINTENANCE;
            Job job = jobs.begin("maintenance", actor, null, hostId, "migrating " + vms.size() + " VM(s) away");
            events.info(actor, "host.maintenance", "host", host.id, host.name,
                    "maintenance requested: live-migrating " + vms.size() + " VM(s) away");
            return new Plan(job, host.name, vms.stream().map(v -> v.id).toList());
        });
        Progress progress = new Progress(plan.vms().size());
        watcher.execute(() -> watch(hostId, plan, progress, actor));
        return plan.job();
    }

    /** What the watcher remembers between ticks: which VMs it sent off, and how often a VM came back. */
    private static final class Progress {
        final int total;
        final java.util.Set<UUID> sent = new java.util.HashSet<>();
        final java.util.Map<UUID, Integer> failures = new java.util.HashMap<>();
        final java.util.Map<UUID, Integer> refusals = new java.util.HashMap<>();

        Progress(int total) {
            this.total = total;
        }
    }

    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_REFUSALS = 60;

    /**
     * Once a second: done when the host is empty; otherwise (re)starts migrations for the VMs still RUNNING
     * there — the cluster's parallel-migration limit may refuse some for now, a VM whose migration failed is
     * tried again up to three times — and gives up when nothing moves any more.
     */
    private void watch(UUID hostId, Plan plan, Progress progress, String actor) {
        List<Vm> left = QuarkusTransaction.requiringNew().call(() -> Vm.list("hostId = ?1 and status <> ?2", hostId, VmStatus.DOWN));
        if (left.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
                if (host.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
                    host.status = HostStatus.MAINTENANCE;
                    events.info(dev.vireo.engine.api.Actors.SYSTEM, "host.maintenance-done", "host", host.id, host.name,
                            "all VMs moved away; host is in MAINTENANCE");
                }
            });
            jobs.succeed(plan.job().id, progress.total + " VM(s) moved; host in maintenance");
            return;
        }
        List<String> stuck = new ArrayList<>();
        boolean moving = false;
        for (Vm vm : left) {
            if (vm.status == VmStatus.MIGRATING) {
                moving = true;
            } else if (vm.status != VmStatus.RUNNING) {
                stuck.add("VM " + vm.name + " is " + vm.status);
            } else if (progress.sent.contains(vm.id) && progress.failures.merge(vm.id, 1, Integer::sum) >= MAX_ATTEMPTS) {
                stuck.add("VM " + vm.name + " failed to migrate " + MAX_ATTEMPTS + " times");
            } else {
                try {
                    migrate.begin(vm.id, null, actor);
                    progress.sent.add(vm.id);
                    moving = true;
                } catch (ApiException e) {
                    // the parallel-migration limit says "later"; anything refused for a minute is stuck
                    if (progress.refusals.merge(vm.id, 1, Integer::sum) > MAX_REFUSALS) {
                        stuck.add("VM " + vm.name + ": " + e.getMessage());
                    } else {
                        moving = true;
                    }
                }
            }
        }
        if (!moving) {
            String why = String.join("; ", stuck);
            QuarkusTransaction.requiringNew().run(() -> {
                Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
                if (host.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
                    host.status = HostStatus.UP;
                }
                events.error(dev.vireo.engine.api.Actors.SYSTEM, "host.maintenance-failed", "host", host.id, host.name,
                        "maintenance failed, the host is UP again: " + why);
            });
            jobs.fail(plan.job().id, why);
            return;
        }
        int moved = progress.total - left.size();
        jobs.progress(plan.job().id, 10 + 80 * Math.max(0, moved) / Math.max(1, progress.total),
                moved + " of " + progress.total + " VMs moved");
        watcher.schedule(() -> watch(hostId, plan, progress, actor), 1, TimeUnit.SECONDS);
    }
}
