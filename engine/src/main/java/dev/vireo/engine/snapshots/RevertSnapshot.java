package dev.vireo.engine.snapshots;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.reconcile.HeldVms;
import dev.vireo.engine.vms.DesiredState;
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

import java.util.List;
import java.util.UUID;

/**
 * Brings a VM back to a snapshot. With memory: the VM must be running or paused, and its guest goes on from
 * the snapshot's moment (QEMU is restarted from the saved state on the same host); a VM that is down is
 * not started by a revert, since that would bypass placement. Disk-only: a running VM is powered off
 * first (there is no memory to go on with) and ends DOWN with its disks as they were. Every disk the snapshot
 * covers goes back; the VM must have just those disks, on the devices they had ({@link SnapshotSupport#disksToRevert}).
 */
@ApplicationScoped
public class RevertSnapshot {

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

    private record Begun(Job job, String snapshotName, SnapshotSupport.Worker worker, VmStatus before,
                         SnapshotSpec spec) {
    }

    public Job begin(UUID vmId, UUID snapshotId, String actor) {
        Begun begun = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = actions.lock(vmId);
            Snapshot s = SnapshotSupport.find(vmId, snapshotId);
            if (s.status != SnapshotStatus.OK) {
                throw ApiException.conflict("snapshot '" + s.name + "' is " + s.status + "; only a snapshot that was "
                        + "made (OK) can be reverted to");
            }
            ActionSupport.requireStatus(vm, "reverted to a snapshot", SnapshotSupport.SETTLED);
            List<SnapshotSpec.Disk> disks = SnapshotSupport.disksToRevert(vm, s);
            if (s.withMemory && vm.status == VmStatus.DOWN) {
                throw ApiException.conflict("snapshot '" + s.name + "' holds VM " + vm.name + "'s memory and the VM is "
                        + "DOWN: start it, then revert (the guest goes on from the snapshot)");
            }
            SnapshotSupport.requireNoSnapshotJob(vm);
            SnapshotSupport.Worker worker = support.workerFor(vm);
            VmStatus before = vm.status;
            if (!s.withMemory && vm.status != VmStatus.DOWN) {
                vm.desiredState = DesiredState.DOWN;
                vm.setStatus(VmStatus.STOPPING);
            }
            String how = s.withMemory ? "the guest goes on from the snapshot"
                    : before == VmStatus.DOWN ? (disks.size() == 1 ? "the disk goes back" : "its disks go back")
                    : "the VM is powered off and its " + (disks.size() == 1 ? "disk goes" : "disks go") + " back";
            Job job = jobs.begin("snapshot-revert", actor, vm.id, worker.hostId(),
                    "reverting to snapshot '" + s.name + "' on host " + worker.hostName() + ": " + how);
            events.info(actor, "vm.snapshot-revert", "vm", vm.id, vm.name,
                    "revert to snapshot '" + s.name + "' requested (" + how + ")");
            return new Begun(job, s.name, worker, before,
                    SnapshotSpec.of(s.id.toString(), s.description, s.withMemory, s.libvirtXml, disks));
        });
        if (begun.before() != VmStatus.DOWN) {
            held.hold(vmId);
        }
        support.send(begun.worker(), CommandAction.REVERT_SNAPSHOT, vmId, begun.spec(), begun.job(),
                (reply, error) -> settle(vmId, begun, reply, error));
        return begun.job();
    }

    private void settle(UUID vmId, Begun begun, AgentMessage.Reply reply, Throwable error) {
        boolean ok = error == null && reply.ok();
        String why = ok ? null : ActionSupport.failure(reply, error);
        String state = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                return "deleted";
            }
            if (reply != null && reply.domain() != null) {
                SnapshotSupport.apply(vm, begun.worker(), reply.domain());
            } else if (vm.status == VmStatus.STOPPING && begun.before() != VmStatus.STOPPING) {
                // the host did not answer: the VM is as it was until its next report says otherwise
                vm.setStatus(begun.before());
                vm.desiredState = DesiredState.UP;
            }
            String agent = SnapshotSupport.agent(begun.worker());
            if (ok) {
                events.info(agent, "vm.snapshot-reverted", "vm", vm.id, vm.name, "reverted to snapshot '"
                        + begun.snapshotName() + "' on host " + begun.worker().hostName() + "; the VM is " + vm.status);
            } else {
                events.error(agent, "vm.snapshot-revert-failed", "vm", vm.id, vm.name, "revert to snapshot '"
                        + begun.snapshotName() + "' on host " + begun.worker().hostName() + " failed: " + why
                        + "; the VM is " + vm.status);
            }
            return vm.status.toString();
        });
        held.release(vmId);
        if (ok) {
            jobs.succeed(begun.job().id, "reverted to snapshot '" + begun.snapshotName() + "'; the VM is " + state);
        } else {
            jobs.fail(begun.job().id, why);
        }
    }
}
