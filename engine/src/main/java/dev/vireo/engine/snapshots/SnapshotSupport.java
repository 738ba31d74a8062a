package dev.vireo.engine.snapshots;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobStatus;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.images.ImageUpload;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.SnapshotSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What the snapshot actions share: the VM's disks, the host that does the work, one snapshot action per
 * VM at a time, sending the command with its progress, and settling the VM's state from the agent's reply.
 */
@ApplicationScoped
public class SnapshotSupport {
    /** the job actions of snapshots; a VM has at most one of them running */
    static final List<String> ACTIONS = List.of("snapshot", "snapshot-revert", "snapshot-delete");
    /** states in which a VM's snapshots can be made, reverted or deleted */
    static final Set<VmStatus> SETTLED = Set.of(VmStatus.DOWN, VmStatus.RUNNING, VmStatus.PAUSED);

    @Inject
    ActionSupport actions;
    @Inject
    AgentCommands commands;
    @Inject
    AgentSessions sessions;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    /** saving or loading a big guest's memory takes a while */
    @ConfigProperty(name = "vireo.snapshot.timeout", defaultValue = "10m")
    Duration timeout;

    /** The host that does the work, with its name for jobs and events. */
    record Worker(UUID hostId, String hostName) {
    }

    /** What a snapshot of the VM covers now: its own qcow2 disks, and what it leaves out (with the reasons). */
    record Coverage(List<Disk> covered, List<SnapshotDisk> leftOut) {
        List<SnapshotSpec.Disk> specs() {
            return covered.stream().map(d -> new SnapshotSpec.Disk(d.target, d.volumePath())).toList();
        }

        /** the shareable disks it leaves out, as "name (device)" */
        List<String> shared() {
            return leftOut.stream().filter(d -> d.diskId != null).map(d -> d.diskName + " (" + d.target + ")").toList();
        }

        /** the boot disk vda if covered, else the first covered disk (snapshots.disk_id, as before several disks) */
        Disk first() {
            return covered.get(0);
        }
    }

    static final String SHAREABLE = "shareable raw disk: an internal qcow2 snapshot cannot be kept in it; it stays as it is";
    static final String CDROM = "CD-ROM: read-only, nothing to snapshot";

    /**
     * The VM's own disks, by guest device (every one is a qcow2 volume: snapshots go inside each); its shareable
     * disks and its CD-ROM are left out. 409 without an own disk. Inside a transaction.
     */
    static Coverage coverage(Vm vm) {
        List<Disk> own = Disk.list("vmId = ?1 order by target", vm.id);
        if (own.isEmpty()) {
            throw ApiException.conflict("VM " + vm.name + " has no disk to snapshot");
        }
        List<SnapshotDisk> leftOut = new ArrayList<>();
        for (Object[] r : Disk.getEntityManager().createQuery("select a.target, d.id, d.name from VmDiskAttachment a, Disk d"
                + " where d.id = a.diskId and a.vmId = :vm order by a.target", Object[].class).setParameter("vm", vm.id)
                .getResultList()) {
            leftOut.add(SnapshotDisk.of(null, (String) r[0], (UUID) r[1], (String) r[2], SHAREABLE));
        }
        if (vm.cdromIsoId != null) {
            ImageUpload iso = ImageUpload.findById(vm.cdromIsoId);
            leftOut.add(SnapshotDisk.of(null, DiskSpec.CDROM_TARGET, null, iso == null ? "(ISO)" : iso.name, CDROM));
        }
        return new Coverage(own, leftOut);
    }

    /**
     * The disks to put back, each on its device: the VM must have exactly the disks the snapshot covers, on
     * the devices they had. A covered disk deleted since, detached or moved to another device is a 409 naming
     * it; so is a disk of the VM's own attached after the snapshot was taken, which it holds nothing of (putting
     * the other disks back beside it would give the guest a mix of then and now, and QEMU loads a snapshot with
     * memory only when every writable disk holds it): detach it to revert. Shareable disks are left as they are
     * by a disk-only revert; one with memory needs them detached (QEMU's loadvm refuses a writable raw disk).
     * Inside a transaction holding the VM's lock.
     */
    static List<SnapshotSpec.Disk> disksToRevert(Vm vm, Snapshot s) {
        List<SnapshotSpec.Disk> disks = new ArrayList<>();
        Set<UUID> covered = new HashSet<>();
        for (SnapshotDisk r : SnapshotDisk.ofSnapshot(s.id)) {
            if (!r.covered()) {
                continue;
            }
            Disk d = r.diskId == null ? null : Disk.findById(r.diskId);
            if (d == null) {
                throw ApiException.conflict("snapshot '" + s.name + "' covers disk " + r.diskName + " (" + r.target
                        + "), which was deleted since, and its part of the snapshot with it; the snapshot can no longer "
                        + "be reverted to, only deleted");
            }
            if (!vm.id.equals(d.vmId) || !r.target.equals(d.target)) {
                throw ApiException.conflict("snapshot '" + s.name + "' covers disk " + d.name + " as " + r.target
                        + ", which VM " + vm.name + (vm.id.equals(d.vmId) ? " has as " + d.target + " now"
                        : " no longer has") + ": attach it again as " + r.target + " to revert");
            }
            covered.add(d.id);
            disks.add(new SnapshotSpec.Disk(r.target, d.volumePath()));
        }
        List<String> since = Disk.<Disk>list("vmId = ?1 order by target", vm.id).stream()
                .filter(d -> !covered.contains(d.id)).map(d -> d.name + " (" + d.target + ")").toList();
        if (!since.isEmpty()) {
            throw ApiException.conflict("disk(s) " + String.join(", ", since) + " of VM " + vm.name + " were attached after "
                    + "snapshot '" + s.name + "' was taken, which holds nothing of them: detach them to revert");
        }
        if (s.withMemory) {
            List<String> shared = coverage(vm).shared();
            if (!shared.isEmpty()) {
                throw ApiException.conflict("VM " + vm.name + " has shareable disk(s) " + String.join(", ", shared)
                        + "; QEMU loads a snapshot with memory only when every writable disk holds it: detach them to revert");
            }
        }
        return disks;
    }

    /**
     * The covered disks that still exist, where they are now, for deleting the snapshot from them; each must be
     * the VM's (a 409 naming the one that is not). Empty when they were all deleted. Inside a transaction.
     */
    static List<SnapshotSpec.Disk> disksToDeleteFrom(Vm vm, Snapshot s) {
        List<SnapshotSpec.Disk> disks = new ArrayList<>();
        for (SnapshotDisk r : SnapshotDisk.ofSnapshot(s.id)) {
            Disk d = !r.covered() || r.diskId == null ? null : Disk.findById(r.diskId);
            if (d == null) {
                continue;
            }
            if (!vm.id.equals(d.vmId)) {
                throw ApiException.conflict("snapshot '" + s.name + "' is in disk " + d.name + ", which VM " + vm.name
                        + " no longer has: attach it again to delete the snapshot, or delete the disk");
            }
            disks.add(new SnapshotSpec.Disk(d.target, d.volumePath()));
        }
        return disks;
    }

    /** The snapshot of that VM, or 404. Inside a transaction. */
    static Snapshot find(UUID vmId, UUID snapshotId) {
        Snapshot s = Snapshot.findById(snapshotId);
        if (s == null || !s.vmId.equals(vmId)) {
            throw ApiException.notFound("snapshot", snapshotId);
        }
        return s;
    }

    /** Refuses a second snapshot action on the VM while one runs. Inside a transaction holding the VM's lock. */
    static void requireNoSnapshotJob(Vm vm) {
        Job running = Job.<Job>find("vmId = ?1 and action in ?2 and status = ?3", vm.id, ACTIONS, JobStatus.RUNNING)
                .firstResult();
        if (running != null) {
            throw ApiException.conflict("VM " + vm.name + " has a " + running.action + " job running (" + running.id
                    + "); try again when it is done");
        }
    }

    /**
     * Where the command goes: the host a running VM is on; for a VM that is down, the host it last ran on
     * if that one is up and connected (its libvirt has the domain), else any such host: the disk is on
     * storage every host sees.
     */
    Worker workerFor(Vm vm) {
        if (vm.status != VmStatus.DOWN) {
            return new Worker(vm.hostId, ActionSupport.hostName(vm.hostId));
        }
        List<Host> up = Host.<Host>list("status", HostStatus.UP);
        Host chosen = up.stream().filter(h -> h.id.equals(vm.lastHostId) && sessions.isConnected(h.id)).findFirst()
                .or(() -> up.stream().filter(h -> sessions.isConnected(h.id)).findFirst())
                .orElseThrow(() -> ApiException.conflict("no host is up to work on VM " + vm.name
                        + "'s disk; activate a host first"));
        return new Worker(chosen.id, chosen.name);
    }

    /** Sends the command; the agent's progress moves the job between 20 and 90 %. */
    void send(Worker worker, CommandAction action, UUID vmId, SnapshotSpec spec, Job job,
              BiConsumer<AgentMessage.Reply, Throwable> settle) {
        jobs.progress(job.id, 20, "sent to host " + worker.hostName());
        CompletableFuture<AgentMessage.Reply> reply;
        try {
            reply = commands.snapshot(worker.hostId(), action, vmId, spec,
                    p -> jobs.progress(job.id, 20 + Math.min(70, Math.max(0, p.percent()) * 70 / 100), p.step()), timeout);
        } catch (AgentUnavailableException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenCompleteAsync(settle, actions.executor());
    }

    /**
     * The VM as the agent found its domain after the command: running or paused there, or down. Inside a
     * transaction holding the VM's lock.
     */
    static void apply(Vm vm, Worker worker, DomainStatus domain) {
        if (domain == null) {
            return;
        }
        switch (domain.state()) {
            case RUNNING, PAUSED -> {
                vm.placeOn(worker.hostId());
                vm.desiredState = DesiredState.UP;
                if (domain.vncPort() > 0) {
                    vm.vncPort = domain.vncPort();   // a revert restarts QEMU, which may get another port
                }
                vm.setStatus(domain.state() == DomainState.PAUSED ? VmStatus.PAUSED : VmStatus.RUNNING);
            }
            case SHUTOFF, UNDEFINED, CRASHED -> {
                if (vm.status != VmStatus.DOWN) {
                    vm.desiredState = DesiredState.DOWN;
                    vm.setStatus(VmStatus.DOWN);
                }
            }
            default -> {
                // shutting down or unknown: the host's next report tells
            }
        }
    }

    static String agent(Worker worker) {
        return Actors.agent(worker.hostName());
    }

    /**
     * Snapshots that were being made when the engine stopped: their job failed with the restart
     * ({@link Jobs}), and whether the host finished is unknown; they are marked FAILED (deleting one removes
     * whatever the disk holds of it).
     */
    void settleInterrupted(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Snapshot s : Snapshot.<Snapshot>list("status", SnapshotStatus.CREATING)) {
                s.status = SnapshotStatus.FAILED;
                events.warn(Actors.SYSTEM, "vm.snapshot-interrupted", "vm", s.vmId, s.name,
                        "snapshot '" + s.name + "' was being made when the engine stopped; it is marked FAILED, delete it");
            }
        });
    }
}
