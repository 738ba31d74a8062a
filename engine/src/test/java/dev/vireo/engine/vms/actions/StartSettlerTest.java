package dev.vireo.engine.vms.actions;

import dev.vireo.engine.events.AuditEvent;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobStatus;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.reconcile.HeldVms;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static dev.vireo.engine.support.Fixtures.host;
import static dev.vireo.engine.support.Fixtures.vmRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents' answers to start commands, settled together: each VM ends as its own answer says (RUNNING,
 * PAUSED, back DOWN), whatever else is in the batch, and a VM that moved on meanwhile is not overwritten.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StartSettlerTest {

    @Inject
    StartSettler settler;
    @Inject
    Jobs jobs;
    @Inject
    HeldVms held;

    @Test
    void aMixedBatchSettlesEachVmByItsOwnAnswer() {
        UUID host = host("settle");
        Placed running = starting(host, "settle-run");
        Placed paused = starting(host, "settle-paused");
        Placed failed = starting(host, "settle-fail");
        Placed poweredOff = starting(host, "settle-off");
        Placed deleted = starting(host, "settle-gone");
        QuarkusTransaction.requiringNew().run(() -> {
            Vm off = Vm.findById(poweredOff.vmId);
            off.desiredState = DesiredState.DOWN;
            off.setStatus(VmStatus.DOWN);   // a power-off that won the race with the start's answer
            Vm.deleteById(deleted.vmId);
        });

        settler.settle(List.of(
                answer(running, DomainState.RUNNING, 5901),
                answer(paused, DomainState.PAUSED, 0),
                new StartSettler.Answer(failed.placed, null, new TimeoutException()),
                answer(poweredOff, DomainState.RUNNING, 5903),
                answer(deleted, DomainState.RUNNING, 5904)));

        Vm run = vm(running.vmId);
        assertEquals(VmStatus.RUNNING, run.status);
        assertEquals(5901, run.vncPort);
        assertEquals(host, run.hostId);
        assertEquals(VmStatus.PAUSED, vm(paused.vmId).status);
        Vm fail = vm(failed.vmId);
        assertEquals(VmStatus.DOWN, fail.status);
        assertEquals(DesiredState.DOWN, fail.desiredState);
        assertNull(fail.hostId);
        assertEquals(VmStatus.DOWN, vm(poweredOff.vmId).status, "an answer does not undo a later power-off");
        assertNull(vm(deleted.vmId));

        assertEquals(JobStatus.SUCCEEDED, job(running).status);
        assertEquals(100, job(running).progress);
        assertTrue(job(running).message.contains("running on host"));
        assertEquals(JobStatus.SUCCEEDED, job(paused).status);
        assertEquals(JobStatus.FAILED, job(failed).status);
        assertTrue(job(failed).message.contains("did not answer in time"), job(failed).message);
        assertEquals(JobStatus.SUCCEEDED, job(deleted).status, "the job of a deleted VM still ends");

        assertEquals(List.of("vm.started"), actions(running.vmId));
        assertEquals(List.of("vm.started"), actions(paused.vmId));
        assertEquals(List.of("vm.start-failed"), actions(failed.vmId));
        assertEquals(List.of(), actions(deleted.vmId));
        for (Placed p : List.of(running, paused, failed, poweredOff, deleted)) {
            assertTrue(held.isHeld(p.vmId), "libvirt's events of the start may still trail its answer");
        }
    }

    @Test
    void aJobFinishedElsewhereKeepsItsEnd() {
        UUID host = host("settle");
        Placed p = starting(host, "settle-cancelled");
        QuarkusTransaction.requiringNew().run(() -> {
            Job j = Job.findById(p.placed.job().id);
            j.status = JobStatus.CANCELLED;
            j.message = "cancelled by alice";
        });
        settler.settle(List.of(answer(p, DomainState.RUNNING, 0)));
        assertEquals(JobStatus.CANCELLED, job(p).status);
        assertEquals("cancelled by alice", job(p).message);
        assertEquals(VmStatus.RUNNING, vm(p.vmId).status);
        assertNull(vm(p.vmId).vncPort, "no port reported, none recorded");
    }

    private record Placed(UUID vmId, StartBatcher.Placed placed) {
    }

    private Placed starting(UUID host, String name) {
        Vm vm = vmRow(name, VmStatus.STARTING, host, null, OffsetDateTime.now());
        Job job = QuarkusTransaction.requiringNew().call(() -> jobs.begin("start", "admin", vm.id, host, "starting"));
        held.hold(vm.id);   // as StartVm does when it sends the command
        DomainSpec spec = new DomainSpec(vm.id.toString(), vm.name, null, 64, 1, null, null, null, null, null);
        return new Placed(vm.id, new StartBatcher.Placed(job, host, "settle-host", spec));
    }

    private static StartSettler.Answer answer(Placed p, DomainState state, int vncPort) {
        return new StartSettler.Answer(p.placed, new AgentMessage.Reply("c", null, null,
                new DomainStatus(p.vmId.toString(), "x", state, vncPort), null), null);
    }

    private static Vm vm(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(id));
    }

    private static Job job(Placed p) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(p.placed.job().id));
    }

    private static List<String> actions(UUID vmId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("objectId = ?1 order by id", vmId)
                .stream().map(e -> e.action).filter(a -> !a.equals("vm.start")).toList());
    }
}
