package dev.vireo.engine.vms.actions;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.reconcile.HeldVms;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records what the agents answered to start commands: the VM RUNNING (or back DOWN), its job finished, an
 * audit line. One worker settles every answer waiting in one transaction, one statement per table, so a
 * burst of a thousand starts costs a few commits rather than a thousand; failed starts, and any batch
 * that cannot commit, are settled one by one.
 */
@ApplicationScoped
public class StartSettler {
    private static final Logger LOG = Logger.getLogger(StartSettler.class);
    private static final int BATCH_MAX = 500;

    /** One start's answer: {@code reply} or {@code error}. */
    record Answer(StartBatcher.Placed placed, AgentMessage.Reply reply, Throwable error) {
        UUID vmId() {
            return UUID.fromString(placed.spec().uuid());
        }

        boolean ok() {
            return error == null && reply.ok() && reply.domain() != null
                    && (reply.domain().state() == DomainState.RUNNING || reply.domain().state() == DomainState.PAUSED);
        }

        String why() {
            return error != null || !reply.ok() ? ActionSupport.failure(reply, error)
                    : "the host reports the domain " + reply.domain().state() + " after starting it";
        }
    }

    @Inject
    Jobs jobs;
    @Inject
    EventLog events;
    @Inject
    HeldVms held;

    private final BatchWorker<Answer> worker = new BatchWorker<>("start-settler", BATCH_MAX, this::settle,
            (batch, e) -> { }, answer -> { });

    void offer(StartBatcher.Placed placed, AgentMessage.Reply reply, Throwable error) {
        worker.add(new Answer(placed, reply, error));
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop();
    }

    void settle(List<Answer> batch) {
        List<Answer> started = new ArrayList<>();
        for (Answer answer : batch) {
            if (answer.ok()) {
                started.add(answer);
            } else {
                settleOne(answer);
            }
        }
        if (started.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> settleStarted(started));
            started.forEach(a -> held.release(a.vmId()));
        } catch (RuntimeException e) {
            LOG.warnf("settling %d started VMs together failed (%s); settling them one by one", started.size(), e.toString());
            started.forEach(this::settleOne);
        }
    }

    /** Every answer here started its domain: one update per table for all of them. */
    private void settleStarted(List<Answer> started) {
        // a fixed row order, so that this and a host report locking the same VMs wait rather than deadlock
        List<Answer> sorted = started.stream().sorted(Comparator.comparing(Answer::vmId)).toList();
        jobs.finishAllHere(sorted.stream().map(a -> new Jobs.Finish(a.placed().job().id, true,
                "running on host " + a.placed().hostName())).toList());
        List<Object[]> updated = BulkSql.query(Vm.getEntityManager(),
                "update vms set status = case when vms.status = ? then d.status else vms.status end, "
                        + "vnc_port = case when d.vnc > 0 then d.vnc else vms.vnc_port end, saved_state = null, "
                        + "updated_at = clock_timestamp(), version = vms.version + 1 "
                        + "from unnest(?, ?, ?) as d(id, status, vnc) where vms.id = d.id returning vms.id, vms.name",
                VmStatus.STARTING.name(),
                SqlArray.uuids(sorted.stream().map(Answer::vmId).toList()),
                SqlArray.texts(sorted.stream().map(a -> (a.reply().domain().state() == DomainState.PAUSED
                        ? VmStatus.PAUSED : VmStatus.RUNNING).name()).toList()),
                SqlArray.ints(sorted.stream().map(a -> a.reply().domain().vncPort()).toList()));
        Map<UUID, String> names = new HashMap<>();
        updated.forEach(row -> names.put((UUID) row[0], (String) row[1]));
        List<EventLog.Entry> lines = new ArrayList<>();
        for (Answer a : sorted) {
            String name = names.get(a.vmId());
            if (name != null) {   // null: the VM was deleted meanwhile
                String host = a.placed().hostName();
                lines.add(EventLog.Entry.info(Actors.agent(host), "vm.started", "vm", a.vmId(), name, "VM "
                        + (a.placed().spec().restoreFrom() != null ? "resumed from its saved state" : "started")
                        + " on host " + host));
            }
        }
        events.recordAll(lines);
    }

    /** One answer, one commit: the VM's new state, its event and its job together. */
    private void settleOne(Answer answer) {
        try {
            settleAlone(answer);
        } catch (RuntimeException e) {
            LOG.errorf(e, "settling the start of VM %s failed", answer.vmId());
        } finally {
            held.release(answer.vmId());
        }
    }

    private void settleAlone(Answer answer) {
        boolean ok = answer.ok();
        String why = ok ? null : answer.why();
        StartBatcher.Placed placed = answer.placed();
        AgentMessage.Reply reply = answer.reply();
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.finishHere(placed.job().id, ok, ok ? "running on host " + placed.hostName() : why);
            Vm vm = Vm.findById(answer.vmId(), LockModeType.PESSIMISTIC_WRITE);
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
