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
import dev.vireo.engine.storage.VmDiskAttachment;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What the snapshot actions share: the VM's disk, the host that does the work, one snapshot action per
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

    /** The VM's disk (one per VM for now). Inside a transaction. */
    static Disk diskOf(Vm vm) {
        VmDiskAttachment.refuseShared(vm.id, vm.name, "snapshots do not cover");
        List<Disk> disks = Disk.list("vmId", vm.id);
        if (disks.isEmpty()) {
            throw ApiException.conflict("VM " + vm.name + " has no disk to snapshot");
        }
        if (disks.size() > 1) {
            throw ApiException.conflict("VM " + vm.name + " has " + disks.size() + " disks; snapshots cover a VM with one "
                    + "disk for now");
        }
        Disk disk = disks.get(0);
        return disk;
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
