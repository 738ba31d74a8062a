package dev.vireo.engine.vms.actions;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.Ranking;
import dev.vireo.engine.scheduling.Scheduler;
import dev.vireo.engine.scheduling.SnapshotReader;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Places a DOWN VM on a host, books its memory there, and has the host's agent define and start it. */
@ApplicationScoped
public class StartVm {

    @Inject
    ActionSupport support;
    @Inject
    SnapshotReader snapshots;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;

    @ConfigProperty(name = "vireo.vm.start-timeout", defaultValue = "120s")
    Duration timeout;

    private record Placed(Job job, UUID hostId, String hostName, DomainSpec spec) {
    }

    public Job begin(UUID vmId, String actor) {
        Placed placed = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            ActionSupport.requireStatus(vm, "started", Set.of(VmStatus.DOWN));
            ClusterSnapshot snapshot = snapshots.lockAndRead(vm.clusterId);
            Ranking ranking = Scheduler.rank(snapshot, PlacementRequest.of(vm.id, vm.name, vm.memoryMiB, vm.vcpus));
            UUID hostId = ranking.best().orElseThrow(() -> ApiException.conflict(
                    "no host in cluster '" + snapshot.clusterName() + "' can run VM " + vm.name + " ("
                            + vm.memoryMiB + " MiB, " + vm.vcpus + " vCPU): " + ranking.explain()));
            vm.placeOn(hostId);
            vm.desiredState = DesiredState.UP;
            vm.setStatus(VmStatus.STARTING);
            String host = ActionSupport.hostName(hostId);
            Job job = jobs.begin("start", actor, vm.id, hostId, "starting on host " + host);
            events.info(actor, "vm.start", "vm", vm.id, vm.name, "start requested; placed on host " + host);
            return new Placed(job, hostId, host, ActionSupport.specOf(vm));
        });
        support.send(placed.hostId(), CommandAction.START, vmId, placed.spec(), timeout)
                .whenCompleteAsync((reply, error) -> settle(placed, reply, error), support.executor());
        return placed.job();
    }

    private void settle(Placed placed, AgentMessage.Reply reply, Throwable error) {
        UUID vmId = UUID.fromString(placed.spec().uuid());
        boolean ok = error == null && reply.ok() && reply.domain() != null
                && (reply.domain().state() == DomainState.RUNNING || reply.domain().state() == DomainState.PAUSED);
        String why = ok ? null : error != null || !reply.ok() ? ActionSupport.failure(reply, error)
                : "the host reports the domain " + reply.domain().state() + " after starting it";
        QuarkusTransaction.requiringNew().run(() -> {
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
                events.info(Actors.agent(host), "vm.started", "vm", vm.id, vm.name, "VM started on host " + host);
            } else {
                if (vm.status == VmStatus.STARTING) {
                    vm.desiredState = DesiredState.DOWN;
                    vm.setStatus(VmStatus.DOWN);
                }
                events.error(Actors.agent(host), "vm.start-failed", "vm", vm.id, vm.name,
                        "start on host " + host + " failed: " + why);
            }
        });
        if (ok) {
            jobs.succeed(placed.job().id, "running on host " + placed.hostName());
        } else {
            jobs.fail(placed.job().id, why);
        }
    }
}
