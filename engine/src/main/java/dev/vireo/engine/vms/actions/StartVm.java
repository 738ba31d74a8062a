package dev.vireo.engine.vms.actions;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Starts a DOWN VM: placement (batched, see {@link StartBatcher}), then the host's agent defines and starts it. */
@ApplicationScoped
public class StartVm {

    @Inject
    ActionSupport support;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    @ConfigProperty(name = "vireo.vm.start-timeout", defaultValue = "120s")
    Duration timeout;

    @Inject
    StartBatcher batcher;

    /** Placement is committed by the {@link StartBatcher}; then the host's agent gets the command. */
    public Job begin(UUID vmId, String actor) {
        return command(batcher.place(vmId, actor));
    }

    /**
     * Starts many VMs with one placement batch (a bulk start). Each entry is the start's job, or the
     * {@link dev.vireo.engine.api.ApiException} that refused that VM; one refusal does not stop the others.
     */
    public List<Object> beginAll(List<UUID> vmIds, String actor) {
        List<Object> outcomes = new ArrayList<>(vmIds.size());
        for (CompletableFuture<StartBatcher.Placed> placement : batcher.placeAll(vmIds, actor)) {
            try {
                outcomes.add(command(StartBatcher.await(placement)));
            } catch (RuntimeException refused) {
                outcomes.add(refused);
            }
        }
        return outcomes;
    }

    private Job command(StartBatcher.Placed placed) {
        UUID vmId = UUID.fromString(placed.spec().uuid());
        support.send(placed.hostId(), CommandAction.START, vmId, placed.spec(), timeout)
                .whenCompleteAsync((reply, error) -> settle(placed, reply, error), support.executor());
        return placed.job();
    }

    private void settle(StartBatcher.Placed placed, AgentMessage.Reply reply, Throwable error) {
        UUID vmId = UUID.fromString(placed.spec().uuid());
        boolean ok = error == null && reply.ok() && reply.domain() != null
                && (reply.domain().state() == DomainState.RUNNING || reply.domain().state() == DomainState.PAUSED);
        String why = ok ? null : error != null || !reply.ok() ? ActionSupport.failure(reply, error)
                : "the host reports the domain " + reply.domain().state() + " after starting it";
        // the VM's new state, its event and its job: one commit per start, not two
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.finishHere(placed.job().id, ok, ok ? "running on host " + placed.hostName() : why);
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                return;
            }
            String host = placed.hostName();
            if (ok) {
                if (vm.status == VmStatus.STARTING) {
                    vm.setStatus(reply.domain().state() == DomainState.PAUSED ? VmStatus.PAUSED : VmStatus.RUNNING);
                }
                if (reply.domain().vncPort() > 0) {
                    vm.vncPort = reply.domain().vncPort();
                }
                boolean resumed = placed.spec().restoreFrom() != null;
                vm.savedState = null;
                events.info(Actors.agent(host), "vm.started", "vm", vm.id, vm.name, "VM " + (resumed
                        ? "resumed from its saved state" : "started") + " on host " + host);
            } else {
                if (vm.status == VmStatus.STARTING) {
                    vm.desiredState = DesiredState.DOWN;
                    vm.setStatus(VmStatus.DOWN);
                }
                events.error(Actors.agent(host), "vm.start-failed", "vm", vm.id, vm.name,
                        "start on host " + host + " failed: " + why);
            }
        });
    }
}
