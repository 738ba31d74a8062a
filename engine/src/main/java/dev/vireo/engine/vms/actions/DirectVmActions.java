package dev.vireo.engine.vms.actions;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.util.UUID;

/** Runs a {@link DirectVmAction}: check the state, send the one command, record the outcome. */
@ApplicationScoped
public class DirectVmActions {

    @Inject
    ActionSupport support;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    private record Sent(Job job, UUID hostId, String hostName, VmStatus before, String savedState) {
    }

    public Job begin(DirectVmAction action, UUID vmId, String actor) {
        Sent sent = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            ActionSupport.requireStatus(vm, action.participle, action.from);
            VmStatus before = vm.status;
            if (action.during != null) {
                vm.setStatus(action.during);
            }
            if (action.after == VmStatus.DOWN) {
                vm.desiredState = DesiredState.DOWN;
            }
            String host = ActionSupport.hostName(vm.hostId);
            Job job = jobs.begin(action.action, actor, vm.id, vm.hostId, action.action + " on host " + host);
            events.info(actor, "vm." + action.action, "vm", vm.id, vm.name, action.action + " requested");
            String file = action == DirectVmAction.SAVE ? savedStatePath(vm.id) : null;
            return new Sent(job, vm.hostId, host, before, file);
        });
        (sent.savedState() == null ? support.send(sent.hostId(), action.command, vmId, null, Duration.ofSeconds(60))
                : support.sendVolume(sent.hostId(), action.command, vmId, VolumeSpec.empty(sent.savedState(), 0),
                Duration.ofMinutes(5)))
                .whenCompleteAsync((reply, error) -> settle(action, vmId, sent, reply, error), support.executor());
        return sent.job();
    }

    /** Saved states live in the default storage domain, which every host sees, named by the VM's id. */
    private static String savedStatePath(UUID vmId) {
        StorageDomain domain = StorageDomain.findById(StorageDomain.DEFAULT_ID);
        return java.nio.file.Path.of(domain.path).resolve("saves").resolve(vmId + ".save").toString();
    }

    private void settle(DirectVmAction action, UUID vmId, Sent sent, AgentMessage.Reply reply, Throwable error) {
        boolean ok = error == null && reply.ok();
        String why = ok ? null : ActionSupport.failure(reply, error);
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                return;
            }
            if (ok) {
                if (vm.status == action.during || action.during == null) {
                    vm.setStatus(action.after);
                }
                if (sent.savedState() != null) {
                    vm.savedState = sent.savedState();
                }
                events.info(Actors.agent(sent.hostName()), "vm." + action.action + "-done", "vm", vm.id, vm.name,
                        "VM " + action.participle + " on host " + sent.hostName());
            } else {
                if (action.during != null && vm.status == action.during) {
                    vm.setStatus(sent.before());
                }
                events.error(Actors.agent(sent.hostName()), "vm." + action.action + "-failed", "vm", vm.id, vm.name,
                        action.action + " on host " + sent.hostName() + " failed: " + why);
            }
        });
        if (ok) {
            // a reboot says how the host asked the guest: through its guest agent, or ACPI
            String how = action == DirectVmAction.REBOOT && reply.text() != null
                    ? ("guest-agent".equals(reply.text()) ? " (asked through its guest agent)" : " (ACPI)") : "";
            jobs.succeed(sent.job().id, "VM " + action.participle + how);
        } else {
            jobs.fail(sent.job().id, why);
        }
    }
}
