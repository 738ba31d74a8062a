package dev.vireo.engine.snapshots;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.SnapshotSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Deletes a snapshot from the VM's disks it covers (through QEMU while the VM runs, with qemu-img while it is
 * down), then its record. A covered disk that was deleted took its part with it; a snapshot whose disks were
 * all deleted is only a record: it goes at once.
 */
@ApplicationScoped
public class DeleteSnapshot {

    @Inject
    SnapshotSupport support;
    @Inject
    ActionSupport actions;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    private record Begun(Job job, String snapshotName, SnapshotSupport.Worker worker, SnapshotSpec spec) {
    }

    public Job begin(UUID vmId, UUID snapshotId, String actor) {
        Begun begun = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = actions.lock(vmId);
            Snapshot s = SnapshotSupport.find(vmId, snapshotId);
            if (s.status == SnapshotStatus.CREATING) {
                throw ApiException.conflict("snapshot '" + s.name + "' is still being made");
            }
            SnapshotSupport.requireNoSnapshotJob(vm);
            List<SnapshotSpec.Disk> disks = SnapshotSupport.disksToDeleteFrom(vm, s);
            if (disks.isEmpty()) {
                Job job = jobs.begin("snapshot-delete", actor, vm.id, null, "deleting snapshot '" + s.name + "'");
                s.delete();
                events.info(actor, "vm.snapshot-deleted", "vm", vm.id, vm.name,
                        "snapshot '" + s.name + "' deleted (the disks it was in were deleted before)");
                return new Begun(job, s.name, null, null);
            }
            ActionSupport.requireStatus(vm, "have its snapshots deleted", SnapshotSupport.SETTLED);
            SnapshotSupport.Worker worker = support.workerFor(vm);
            Job job = jobs.begin("snapshot-delete", actor, vm.id, worker.hostId(),
                    "deleting snapshot '" + s.name + "' on host " + worker.hostName());
            events.info(actor, "vm.snapshot-delete", "vm", vm.id, vm.name, "deletion of snapshot '" + s.name + "' requested");
            return new Begun(job, s.name, worker,
                    SnapshotSpec.of(s.id.toString(), s.description, s.withMemory, s.libvirtXml, disks));
        });
        if (begun.worker() == null) {
            jobs.succeed(begun.job().id, "snapshot '" + begun.snapshotName() + "' deleted");
            return begun.job();
        }
        support.send(begun.worker(), CommandAction.DELETE_SNAPSHOT, vmId, begun.spec(), begun.job(),
                (reply, error) -> settle(vmId, snapshotId, begun, reply, error));
        return begun.job();
    }

    private void settle(UUID vmId, UUID snapshotId, Begun begun, AgentMessage.Reply reply, Throwable error) {
        boolean ok = error == null && reply.ok();
        String why = ok ? null : ActionSupport.failure(reply, error);
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = Vm.findById(vmId);
            String agent = SnapshotSupport.agent(begun.worker());
            if (ok) {
                Snapshot.deleteById(snapshotId);
                if (vm != null) {
                    events.info(agent, "vm.snapshot-deleted", "vm", vm.id, vm.name, "snapshot '" + begun.snapshotName()
                            + "' deleted on host " + begun.worker().hostName());
                }
            } else if (vm != null) {
                events.error(agent, "vm.snapshot-delete-failed", "vm", vm.id, vm.name, "deleting snapshot '"
                        + begun.snapshotName() + "' on host " + begun.worker().hostName() + " failed: " + why);
            }
        });
        if (ok) {
            jobs.succeed(begun.job().id, "snapshot '" + begun.snapshotName() + "' deleted");
        } else {
            jobs.fail(begun.job().id, why);
        }
    }
}
