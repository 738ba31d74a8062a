package dev.vireo.engine.vms.actions;

import dev.vireo.engine.network.Network;
import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.Ranking;
import dev.vireo.engine.scheduling.Scheduler;
import dev.vireo.engine.scheduling.SnapshotReader;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.LocalDisks;
import dev.vireo.engine.storage.VolumeOps;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.MigrationSpec;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Live-migrates a running VM to another host of its cluster: the destination is the caller's choice or the
 * scheduler's (same filters as placement, the current host excluded), its resources are booked there for
 * the whole move, and the source host's agent drives libvirt's peer-to-peer migration. On failure libvirt
 * leaves the guest running on the source, and so does the engine's record.
 * <p>
 * Disks on non-shared storage are copied while the guest runs (libvirt's copy-storage-all): the destination gets
 * an empty volume of the same size at the same path first, libvirt mirrors the disk into it, and once the guest
 * runs there the disk's host is the destination and the source's volume is removed (it would only be a stale
 * copy, and in the way of a migration back). A failed migration removes the destination's volume instead.
 */
@ApplicationScoped
public class MigrateVm {

    @Inject
    ActionSupport support;
    @Inject
    AgentCommands commands;
    @Inject
    SnapshotReader snapshots;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;
    @Inject
    VolumeOps volumes;

    @ConfigProperty(name = "vireo.vm.migration-timeout", defaultValue = "10m")
    Duration timeout;

    /** migration jobs whose cancellation was asked for: their failure is a cancellation */
    private final java.util.Set<UUID> cancelling = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Cancels a running migration job: the source host's agent aborts libvirt's job, libvirt keeps the guest on
     * the source, and the job ends CANCELLED.
     */
    public void cancel(Job job, String actor) {
        if (!"migrate".equals(job.action)) {
            throw ApiException.conflict("only migration jobs can be cancelled; this one is a " + job.action);
        }
        if (job.status.finished()) {
            throw ApiException.conflict("the job is already " + job.status);
        }
        UUID source = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(job.vmId);
            if (vm == null || vm.status != VmStatus.MIGRATING) {
                throw ApiException.conflict("the VM is not migrating any more");
            }
            return vm.hostId;
        });
        cancelling.add(job.id);
        try {
            AgentMessage.Reply reply = commands.send(source, CommandAction.ABORT_JOB, job.vmId, null, null, Duration.ofSeconds(30))
                    .get(35, java.util.concurrent.TimeUnit.SECONDS);
            if (!reply.ok()) {
                cancelling.remove(job.id);
                throw ApiException.conflict("the host could not abort the migration: " + reply.error());
            }
            events.info(actor, "vm.migrate-cancel", "vm", job.vmId, null, "migration cancelled by request");
        } catch (AgentUnavailableException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            cancelling.remove(job.id);
            throw ApiException.conflict("the source host could not be asked to abort: " + AgentCommands.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

    private record Moving(Job job, UUID sourceId, String sourceName, UUID destinationId, String destinationName,
                          MigrationSpec spec, List<LocalDisks.Copied> copied, long startedNanos) {
    }

    public Job begin(UUID vmId, UUID requestedHost, String actor) {
        Moving moving = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            ActionSupport.requireStatus(vm, "migrated", Set.of(VmStatus.RUNNING));
            List<LocalDisks.Copied> copied = LocalDisks.toCopy(vm);
            ClusterSnapshot snapshot = snapshots.lockAndRead(vm.clusterId);
            PlacementRequest request = new PlacementRequest(vm.id, vm.name, vm.memoryMiB, vm.vcpus, vm.effectiveCpuModel(), Set.of(vm.hostId),
                    Network.bridgesOf(vm.id));
            Ranking ranking = Scheduler.rank(snapshot, request);
            UUID destination = choose(vm, requestedHost, ranking, snapshot.clusterName());
            Host target = Host.findById(destination);
            if (target.migrationUri == null) {
                throw ApiException.conflict("host " + target.name + " takes no migrations (its agent reports no migration address)");
            }
            Host source = Host.findById(vm.hostId);
            Cluster cluster = Cluster.findById(vm.clusterId);
            long busy = Vm.count("status = ?1 and (hostId in ?2 or migratingToHostId in ?2)", VmStatus.MIGRATING,
                    List.of(source.id, target.id));
            if (busy >= cluster.migrationParallelPerHost) {
                throw ApiException.conflict("hosts " + source.name + " and " + target.name + " already take part in "
                        + busy + " migration(s); cluster " + cluster.name + " allows " + cluster.migrationParallelPerHost
                        + " per host at a time");
            }
            MigrationSpec spec = new MigrationSpec(target.migrationUri, cluster.migrationMaxDowntimeMs,
                    cluster.migrationBandwidthMiBps, cluster.migrationAutoConverge, cluster.migrationPostCopy,
                    copied.stream().map(LocalDisks.Copied::path).toList());
            vm.migratingToHostId = destination;
            vm.setStatus(VmStatus.MIGRATING);
            Job job = jobs.begin("migrate", actor, vm.id, destination, "migrating from " + source.name + " to " + target.name);
            events.info(actor, "vm.migrate", "vm", vm.id, vm.name, "live migration requested from host " + source.name
                    + " to host " + target.name + (requestedHost == null ? " (chosen by the scheduler)" : "")
                    + (copied.isEmpty() ? "" : ", copying " + copied.size() + " disk(s) on non-shared storage"));
            return new Moving(job, source.id, source.name, target.id, target.name, spec, copied, System.nanoTime());
        });
        if (moving.copied().isEmpty()) {
            commands(moving, vmId);
        } else {
            // the destination's volumes first (agent round trips: not on the caller's thread)
            support.executor().execute(() -> {
                String why = prepareDestination(moving, vmId);
                if (why == null) {
                    commands(moving, vmId);
                } else {
                    settle(moving, vmId, null, new IllegalStateException(why));
                }
            });
        }
        return moving.job();
    }

    private static UUID choose(Vm vm, UUID requested, Ranking ranking, String clusterName) {
        if (requested == null) {
            return ranking.best().orElseThrow(() -> ApiException.conflict("no other host in cluster '" + clusterName
                    + "' can take VM " + vm.name + ": " + ranking.explain()));
        }
        if (requested.equals(vm.hostId)) {
            throw ApiException.conflict("VM " + vm.name + " already runs on that host");
        }
        Optional<Ranking.Rejection> rejected = ranking.rejected().stream().filter(r -> r.hostId().equals(requested)).findFirst();
        if (rejected.isPresent()) {
            throw ApiException.conflict("host " + rejected.get().hostName() + " cannot take VM " + vm.name + ": "
                    + rejected.get().unit() + ": " + rejected.get().reason());
        }
        if (ranking.ranked().stream().noneMatch(s -> s.hostId().equals(requested))) {
            throw ApiException.invalid("host " + requested + " is not a host of the VM's cluster");
        }
        return requested;
    }

    /**
     * Empty volumes at the same paths on the destination, of the same virtual sizes, for libvirt to copy into
     * (it would make them only in a libvirt storage pool there). null when made; else why not, the ones made
     * removed again.
     */
    private String prepareDestination(Moving moving, UUID vmId) {
        jobs.progress(moving.job().id, 5, "making the volumes of " + moving.copied().size() + " disk(s) on host "
                + moving.destinationName());
        List<LocalDisks.Copied> made = new java.util.ArrayList<>();
        for (LocalDisks.Copied c : moving.copied()) {
            try {
                volumes.runOn(moving.destinationId(), CommandAction.CREATE_VOLUME, c.diskId(),
                        VolumeSpec.empty(c.path(), c.sizeBytes()));
                made.add(c);
            } catch (RuntimeException e) {
                remove(moving.destinationId(), moving.destinationName(), made, vmId);
                return "the volume of disk " + c.name() + " could not be made on host " + moving.destinationName()
                        + ": " + e.getMessage();
            }
        }
        return null;
    }

    /** Best effort: a volume left behind is named in the audit log. */
    private void remove(UUID hostId, String hostName, List<LocalDisks.Copied> copies, UUID vmId) {
        for (LocalDisks.Copied c : copies) {
            try {
                volumes.runOn(hostId, CommandAction.DELETE_VOLUME, c.diskId(), VolumeSpec.empty(c.path(), 0));
            } catch (RuntimeException e) {
                events.warn(Actors.agent(hostName), "disk.copy-left", "vm", vmId, null, "the copy of disk " + c.name()
                        + " at " + c.path() + " on host " + hostName + " could not be removed: " + e.getMessage());
            }
        }
    }

    private void commands(Moving moving, UUID vmId) {
        jobs.progress(moving.job().id, 10, "migrating " + (moving.copied().isEmpty() ? "memory" : "disks and memory")
                + " from " + moving.sourceName() + " to " + moving.destinationName());
        try {
            commands.send(moving.sourceId(), CommandAction.MIGRATE, vmId, null, null,
                            moving.spec(),
                            p -> jobs.progress(moving.job().id, Math.min(95, Math.max(10, p.percent())), p.step()), timeout)
                    .whenCompleteAsync((reply, error) -> settle(moving, vmId, reply, error), support.executor());
        } catch (AgentUnavailableException e) {
            support.executor().execute(() -> settle(moving, vmId, null, e));
        }
    }

    private void settle(Moving moving, UUID vmId, AgentMessage.Reply reply, Throwable error) {
        boolean ok = error == null && reply.ok();
        String why = ok ? null : ActionSupport.failure(reply, error);
        long millis = (System.nanoTime() - moving.startedNanos()) / 1_000_000;
        Long downtime = ok && reply.figures() != null ? reply.figures().get("downtime_ms") : null;
        String measured = "in " + millis + " ms" + (downtime == null ? "" : ", downtime " + downtime + " ms");
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                return;
            }
            vm.migratingToHostId = null;
            if (ok) {
                vm.placeOn(moving.destinationId());
                for (LocalDisks.Copied c : moving.copied()) {
                    Disk d = Disk.findById(c.diskId(), LockModeType.PESSIMISTIC_WRITE);
                    if (d != null) {
                        d.hostId = moving.destinationId();   // its volume is the destination's copy now
                    }
                }
                vm.vncPort = null;   // the destination's next report tells the new port
                vm.setStatus(VmStatus.RUNNING);
                events.info(Actors.agent(moving.sourceName()), "vm.migrated", "vm", vm.id, vm.name,
                        "live-migrated from host " + moving.sourceName() + " to host " + moving.destinationName()
                                + " " + measured);
            } else {
                vm.setStatus(VmStatus.RUNNING);   // libvirt keeps the guest on the source when a migration fails
                events.error(Actors.agent(moving.sourceName()), "vm.migrate-failed", "vm", vm.id, vm.name,
                        "live migration to host " + moving.destinationName() + " failed; the VM stays on host "
                                + moving.sourceName() + ": " + why);
            }
        });
        if (ok) {
            remove(moving.sourceId(), moving.sourceName(), moving.copied(), vmId);
        } else if (reply != null && !moving.copied().isEmpty()) {
            // the source's agent answered that libvirt failed: the guest runs on the source, nothing uses the
            // destination's volumes. (Without an answer the migration may still finish: they stay.)
            remove(moving.destinationId(), moving.destinationName(), moving.copied(), vmId);
        }
        if (ok) {
            jobs.succeed(moving.job().id, "running on host " + moving.destinationName() + "; migrated " + measured);
        } else if (cancelling.remove(moving.job().id)) {
            jobs.cancelled(moving.job().id, "cancelled; the VM stays on host " + moving.sourceName());
        } else {
            jobs.fail(moving.job().id, why);
        }
    }
}
