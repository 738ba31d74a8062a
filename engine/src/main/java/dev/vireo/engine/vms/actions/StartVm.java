package dev.vireo.engine.vms.actions;

import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.reconcile.HeldVms;
import dev.vireo.protocol.CommandAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a DOWN VM: placement (batched, see {@link StartBatcher}), then the host's agent defines and starts it;
 * its answer is recorded by the {@link StartSettler}.
 */
@ApplicationScoped
public class StartVm {

    @Inject
    ActionSupport support;

    @ConfigProperty(name = "vireo.vm.start-timeout", defaultValue = "120s")
    Duration timeout;

    @Inject
    StartBatcher batcher;
    @Inject
    StartSettler settler;
    @Inject
    HeldVms held;

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
        // the start job settles the VM from the agent's answer: libvirt's events and the host's reports
        // meanwhile tell nothing new and are left alone (one transaction each saved, two audit lines not doubled)
        held.hold(vmId);
        try {
            support.send(placed.hostId(), CommandAction.START, vmId, placed.spec(), timeout)
                    .whenComplete((reply, error) -> settler.offer(placed, reply, error));
        } catch (RuntimeException e) {
            settler.offer(placed, null, e);   // the VM goes back DOWN, its job fails and the hold ends
        }
        return placed.job();
    }
}
