package dev.vireo.engine.hosts;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobStatus;
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
                PlacementRequest request = new PlacementRequest(vm.id, vm.name, vm.memoryMiB, vm.vcpus, null, Set.of(hostId));
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
        List<UUID> migrations = new ArrayList<>();
        for (UUID vm : plan.vms()) {
            try {
                migrations.add(migrate.begin(vm, null, actor).id);
            } catch (ApiException e) {
                events.warn(actor, "host.maintenance", "host", hostId, plan.hostName(), "could not start a migration: " + e.getMessage());
            }
        }
        watcher.schedule(() -> watch(hostId, plan, migrations), 1, TimeUnit.SECONDS);
        return plan.job();
    }

    private void watch(UUID hostId, Plan plan, List<UUID> migrations) {
        long left = QuarkusTransaction.requiringNew().call(() -> Vm.count("hostId = ?1 and status <> ?2", hostId, VmStatus.DOWN));
        boolean migrating = QuarkusTransaction.requiringNew().call(() ->
                migrations.stream().map(id -> (Job) Job.findById(id)).anyMatch(j -> j != null && !j.status.finished()));
        if (left == 0) {
            QuarkusTransaction.requiringNew().run(() -> {
                Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
                if (host.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
                    host.status = HostStatus.MAINTENANCE;
                    events.info(dev.vireo.engine.api.Actors.SYSTEM, "host.maintenance-done", "host", host.id, host.name,
                            "all VMs moved away; host is in MAINTENANCE");
                }
            });
            jobs.succeed(plan.job().id, plan.vms().size() + " VM(s) moved; host in maintenance");
        } else if (!migrating) {
            String why = left + " VM(s) are still on the host after their migrations ended";
            QuarkusTransaction.requiringNew().run(() -> {
                Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
                if (host.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
                    host.status = HostStatus.UP;
                }
                events.error(dev.vireo.engine.api.Actors.SYSTEM, "host.maintenance-failed", "host", host.id, host.name,
                        "maintenance failed: " + why + "; the host is UP again");
            });
            jobs.fail(plan.job().id, why);
        } else {
            long done = migrations.size() - QuarkusTransaction.requiringNew().call(() ->
                    migrations.stream().map(id -> (Job) Job.findById(id)).filter(j -> j != null && !j.status.finished()).count());
            jobs.progress(plan.job().id, 10 + (int) (80 * done / Math.max(1, migrations.size())),
                    done + " of " + migrations.size() + " migrations done");
            watcher.schedule(() -> watch(hostId, plan, migrations), 1, TimeUnit.SECONDS);
        }
    }
}
