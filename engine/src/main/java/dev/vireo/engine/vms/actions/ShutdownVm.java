package dev.vireo.engine.vms.actions;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Asks the guest to shut down (the host's agent uses the guest agent when it answers, ACPI otherwise, and says
 * which), waits for it to go DOWN, and powers it off when it ignores the
 * request for longer than the timeout: what oVirt and Proxmox do, so a shutdown always ends.
 */
@ApplicationScoped
public class ShutdownVm {

    @Inject
    ActionSupport support;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    @ConfigProperty(name = "vireo.vm.shutdown-timeout", defaultValue = "60s")
    Duration defaultTimeout;

    /** @param how how the host asked the guest ("guest-agent", "acpi"), once its agent answered; null before */
    private record Asked(Job job, UUID hostId, String hostName, VmStatus before, long deadlineNanos, Duration timeout,
                         String how) {
        Asked by(String how) {
            return new Asked(job, hostId, hostName, before, deadlineNanos, timeout, how);
        }

        String asked() {
            return "guest-agent".equals(how) ? "asked through its guest agent" : "ACPI power button";
        }
    }

    public Job begin(UUID vmId, Integer timeoutSeconds, String actor) {
        if (timeoutSeconds != null && (timeoutSeconds < 0 || timeoutSeconds > 3600)) {
            throw ApiException.invalid("timeout must be between 0 and 3600 seconds");
        }
        Duration timeout = timeoutSeconds == null ? defaultTimeout : Duration.ofSeconds(timeoutSeconds);
        Asked asked = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            ActionSupport.requireStatus(vm, "shut down", Set.of(VmStatus.RUNNING, VmStatus.PAUSED));
            VmStatus before = vm.status;
            vm.desiredState = DesiredState.DOWN;
            vm.setStatus(VmStatus.STOPPING);
            String host = ActionSupport.hostName(vm.hostId);
            Job job = jobs.begin("shutdown", actor, vm.id, vm.hostId, "asking the guest to shut down");
            events.info(actor, "vm.shutdown", "vm", vm.id, vm.name,
                    "shutdown requested (power off after " + timeout.toSeconds() + " s)");
            return new Asked(job, vm.hostId, host, before, System.nanoTime() + timeout.toNanos(), timeout, null);
        });
        support.send(asked.hostId(), CommandAction.SHUTDOWN, vmId, null, Duration.ofSeconds(30))
                .whenCompleteAsync((reply, error) -> asked(vmId, asked, reply, error), support.executor());
        return asked.job();
    }

    private void asked(UUID vmId, Asked asked, AgentMessage.Reply reply, Throwable error) {
        if (error != null || !reply.ok()) {
            String why = ActionSupport.failure(reply, error);
            QuarkusTransaction.requiringNew().run(() -> {
                Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
                if (vm != null && vm.status == VmStatus.STOPPING) {
                    vm.setStatus(asked.before());
                    vm.desiredState = DesiredState.UP;
                    events.error(Actors.agent(asked.hostName()), "vm.shutdown-failed", "vm", vm.id, vm.name,
                            "shutdown on host " + asked.hostName() + " failed: " + why);
                }
            });
            jobs.fail(asked.job().id, why);
            return;
        }
        Asked how = asked.by(reply.text());
        jobs.progress(asked.job().id, 20, "waiting for the guest to shut down (" + how.asked() + ")");
        watch(vmId, how);
    }

    /** Polls the VM's status (the reconciler moves it to DOWN on the host's event) until the deadline. */
    private void watch(UUID vmId, Asked asked) {
        VmStatus status = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            return vm == null ? VmStatus.DOWN : vm.status;
        });
        long left = asked.deadlineNanos() - System.nanoTime();
        if (status == VmStatus.DOWN) {
            jobs.succeed(asked.job().id, "the guest shut down (" + asked.asked() + ")");
        } else if (status != VmStatus.STOPPING) {
            jobs.fail(asked.job().id, "the VM became " + status + " while shutting down");
        } else if (left <= 0) {
            forceOff(vmId, asked);
        } else {
            long total = Math.max(1, asked.timeout().toNanos());
            int progress = 20 + (int) (70 * (total - left) / total);
            jobs.progress(asked.job().id, progress, "waiting for the guest to shut down (" + asked.asked() + "; "
                    + TimeUnit.NANOSECONDS.toSeconds(left) + " s before power off)");
            support.executor().schedule(() -> watch(vmId, asked), 250, TimeUnit.MILLISECONDS);
        }
    }

    private void forceOff(UUID vmId, Asked asked) {
        jobs.progress(asked.job().id, 90, "the guest ignored the request for " + asked.timeout().toSeconds()
                + " s; powering off");
        support.send(asked.hostId(), CommandAction.POWEROFF, vmId, null, Duration.ofSeconds(60))
                .whenCompleteAsync((reply, error) -> {
                    boolean ok = error == null && reply.ok();
                    String why = ok ? null : ActionSupport.failure(reply, error);
                    QuarkusTransaction.requiringNew().run(() -> {
                        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
                        if (vm == null) {
                            return;
                        }
                        if (ok) {
                            if (vm.status == VmStatus.STOPPING) {
                                vm.setStatus(VmStatus.DOWN);
                            }
                            events.warn(Actors.agent(asked.hostName()), "vm.shutdown-forced", "vm", vm.id, vm.name,
                                    "the guest did not shut down within " + asked.timeout().toSeconds()
                                            + " s; powered off");
                        } else {
                            events.error(Actors.agent(asked.hostName()), "vm.shutdown-failed", "vm", vm.id, vm.name,
                                    "power off after a shutdown timeout failed: " + why);
                        }
                    });
                    if (ok) {
                        jobs.succeed(asked.job().id, "powered off after the guest ignored the shutdown request");
                    } else {
                        jobs.fail(asked.job().id, why);
                    }
                }, support.executor());
    }
}
