package dev.vireo.engine.snapshots;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.reconcile.HeldVms;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.SnapshotSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Snapshots a VM: with its memory while it runs or is paused (the guest pauses while QEMU saves its memory),
 * disk-only while it is down. A running VM cannot have a disk-only internal snapshot: libvirt refuses it
 * ("internal snapshot of a running VM must include the memory state"). The snapshot covers every disk of the
 * VM's own (each a qcow2 volume that keeps its part inside) and records them with their guest devices;
 * shareable raw disks and the CD-ROM are left out and recorded as such. A snapshot with memory cannot leave
 * a writable disk out (libvirt and QEMU snapshot every writable disk or none), so a running VM with a
 * shareable disk is snapshotted while it is down, or after the disk is detached.
 */
@ApplicationScoped
public class CreateSnapshot {

    @Inject
    SnapshotSupport support;
    @Inject
    ActionSupport actions;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;
    @Inject
    HeldVms held;

    /** What the request asks for, validated by the resource. */
    public record Request(String name, String description, boolean withMemory) {
    }

    private record Begun(Job job, UUID snapshotId, SnapshotSupport.Worker worker, boolean running, SnapshotSpec spec) {
    }

    public Job begin(UUID vmId, Request request, String actor) {
        Begun begun = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = actions.lock(vmId);
            SnapshotSupport.Coverage coverage = SnapshotSupport.coverage(vm);
            ActionSupport.requireStatus(vm, "snapshotted", SnapshotSupport.SETTLED);
            if (vm.status == VmStatus.DOWN && request.withMemory()) {
                throw ApiException.conflict("VM " + vm.name + " is DOWN: it has no memory to save; snapshot its disk "
                        + "only (withMemory false)");
            }
            if (vm.status != VmStatus.DOWN && !request.withMemory()) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + ": an internal snapshot of a running "
                        + "VM includes its memory (libvirt refuses one without); ask withMemory true, or stop the VM "
                        + "for a disk-only snapshot");
            }
            List<String> shared = coverage.shared();
            if (request.withMemory() && !shared.isEmpty()) {
                throw ApiException.conflict("VM " + vm.name + " has shareable disk(s) " + String.join(", ", shared)
                        + "; a snapshot with memory covers every writable disk (libvirt and QEMU cannot leave one out) "
                        + "and a shareable raw disk cannot hold one: detach it first, or stop the VM for a disk-only "
                        + "snapshot, which leaves it out");
            }
            SnapshotSupport.requireNoSnapshotJob(vm);
            if (Snapshot.count("vmId = ?1 and name = ?2", vm.id, request.name()) > 0) {
                throw ApiException.conflict("VM " + vm.name + " has a snapshot named '" + request.name() + "' already");
            }
            SnapshotSupport.Worker worker = support.workerFor(vm);
            Snapshot s = new Snapshot();
            s.id = UUID.randomUUID();
            s.vmId = vm.id;
            s.diskId = coverage.first().id;
            s.name = request.name();
            s.description = request.description();
            s.withMemory = request.withMemory();
            s.status = SnapshotStatus.CREATING;
            s.createdAt = OffsetDateTime.now();
            s.createdBy = actor;
            s.persist();
            for (Disk d : coverage.covered()) {
                SnapshotDisk.of(s.id, d.target, d.id, d.name, null).persist();
            }
            for (SnapshotDisk d : coverage.leftOut()) {
                d.snapshotId = s.id;
                d.persist();
            }
            String disks = coverage.covered().size() == 1 ? "disk" : "disks " + coverage.covered().stream()
                    .map(d -> d.target).collect(Collectors.joining(", "));
            String what = (s.withMemory ? "memory and " + disks : disks + " only") + (coverage.leftOut().isEmpty() ? ""
                    : "; left out: " + coverage.leftOut().stream().map(d -> d.target).collect(Collectors.joining(", ")));
            Job job = jobs.begin("snapshot", actor, vm.id, worker.hostId(),
                    "snapshot '" + s.name + "' (" + what + ") on host " + worker.hostName());
            events.info(actor, "vm.snapshot", "vm", vm.id, vm.name,
                    "snapshot '" + s.name + "' (" + what + ") requested");
            return new Begun(job, s.id, worker, vm.status != VmStatus.DOWN,
                    SnapshotSpec.of(s.id.toString(), s.description, s.withMemory, null, coverage.specs()));
        });
        if (begun.running()) {
            held.hold(vmId);
        }
        support.send(begun.worker(), CommandAction.CREATE_SNAPSHOT, vmId, begun.spec(), begun.job(),
                (reply, error) -> settle(vmId, begun, reply, error));
        return begun.job();
    }

    private void settle(UUID vmId, Begun begun, AgentMessage.Reply reply, Throwable error) {
        boolean ok = error == null && reply.ok();
        String why = ok ? null : ActionSupport.failure(reply, error);
        String memory = ok && reply.figures() != null && reply.figures().get("vm_state_bytes") != null
                && reply.figures().get("vm_state_bytes") > 0
                ? ", " + (reply.figures().get("vm_state_bytes") >> 20) + " MiB of memory" : "";
        String took = ok && reply.figures() != null && reply.figures().get("elapsed_ms") != null
                ? " in " + reply.figures().get("elapsed_ms") + " ms" : "";
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
                Snapshot s = Snapshot.findById(begun.snapshotId());
                if (vm == null || s == null) {
                    return;
                }
                if (begun.running() && reply != null) {
                    SnapshotSupport.apply(vm, begun.worker(), reply.domain());
                }
                if (ok) {
                    s.status = SnapshotStatus.OK;
                    s.libvirtXml = reply.text();
                    events.info(SnapshotSupport.agent(begun.worker()), "vm.snapshot-done", "vm", vm.id, vm.name,
                            "snapshot '" + s.name + "' made on host " + begun.worker().hostName() + took + memory);
                } else {
                    s.status = SnapshotStatus.FAILED;
                    events.error(SnapshotSupport.agent(begun.worker()), "vm.snapshot-failed", "vm", vm.id, vm.name,
                            "snapshot '" + s.name + "' on host " + begun.worker().hostName() + " failed: " + why);
                }
            });
        } finally {
            held.release(vmId);
        }
        if (ok) {
            jobs.succeed(begun.job().id, "snapshot " + begun.snapshotId() + " made" + took + memory);
        } else {
            jobs.fail(begun.job().id, why);
        }
    }
}
