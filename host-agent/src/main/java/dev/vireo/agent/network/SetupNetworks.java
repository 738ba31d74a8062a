package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.NetworkSetupSpec;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies a host network setup with a connectivity check: plan the commands from the last confirmed setup, run
 * them, tell the engine "applied" (a progress frame) and wait for its CONFIRM_NETWORKS — a round trip over the
 * normal link. No confirmation in time (the change cut the host off, or the engine is gone): the reverse plan
 * restores the previous setup, and the rollback is reported now and again after a reconnect.
 */
public final class SetupNetworks implements DomainCommand {
    public static final String ROLLED_BACK = "rolled-back";
    private static final Logger LOG = Logger.getLogger(SetupNetworks.class);

    private final Map<String, VirtualSwitch> switches;
    private final Exec exec;
    private final NetworkSetupStore store;
    private final Confirmations confirmations;
    private final ProgressSink progress;
    private final NetworkNotices notices;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public SetupNetworks(List<VirtualSwitch> switches, Exec exec, NetworkSetupStore store, Confirmations confirmations,
                         ProgressSink progress, NetworkNotices notices) {
        this.switches = Map.copyOf(switches.stream().collect(java.util.stream.Collectors.toMap(VirtualSwitch::type, s -> s)));
        this.exec = exec;
        this.store = store;
        this.confirmations = confirmations;
        this.progress = progress;
        this.notices = notices;
    }

    @Override
    public CommandAction action() {
        return CommandAction.SETUP_NETWORKS;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String setupId) throws CommandFailure {
        NetworkSetupSpec spec = command.network();
        if (spec == null || !setupId.equals(spec.setupId())) {
            throw CommandFailure.invalid("SETUP_NETWORKS needs a network spec whose setupId is the command's subject");
        }
        VirtualSwitch target = switches.get(spec.switchType());
        if (target == null) {
            throw CommandFailure.invalid("unknown switch type " + spec.switchType());
        }
        if (!oneAtATime.tryLock()) {
            throw new CommandFailure("busy", "another network setup is being applied on this host");
        }
        try {
            NetworkSetupSpec previous = store.current(spec.switchType());
            VirtualSwitch before = switches.getOrDefault(previous.switchType(), target);
            List<List<String>> forward;
            List<List<String>> backward;
            try {
                SetupCheck.check(spec);
                if (before == target) {
                    forward = target.plan(previous, spec);
                    backward = target.plan(spec, previous);
                } else { // switch type changes: tear the old one down first
                    NetworkSetupSpec none = NetworkSetupSpec.empty(previous.switchType());
                    forward = concat(before.plan(previous, none), target.plan(NetworkSetupSpec.empty(spec.switchType()), spec));
                    backward = concat(target.plan(spec, NetworkSetupSpec.empty(spec.switchType())), before.plan(none, previous));
                }
            } catch (NetworkCommandException e) {
                throw CommandFailure.invalid(e.getMessage());
            }
            confirmations.expect(setupId);
            try {
                store.savePending(spec);
            } catch (IOException e) {
                confirmations.confirm(setupId);
                throw new CommandFailure(CommandFailure.INTERNAL, "cannot note the pending setup, so nothing was applied: "
                        + e.getMessage());
            }
            try {
                run(forward);
            } catch (NetworkCommandException e) {
                restore(backward);
                store.clearPending();
                confirmations.confirm(setupId);
                throw new CommandFailure(ROLLED_BACK, "applying the setup failed (" + e.getMessage()
                        + "); the previous setup is restored");
            }
            progress.report(new AgentMessage.Progress(command.id(), 60, "applied; waiting for the engine's confirmation",
                    Map.of("commands", (long) forward.size(), "confirm_seconds", (long) spec.confirmSeconds())));
            long t0 = System.nanoTime();
            boolean confirmed;
            try {
                confirmed = confirmations.await(setupId, spec.confirmSeconds() * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                confirmed = false;
            }
            if (!confirmed) {
                restore(backward);
                store.clearPending();
                String reason = "the engine did not confirm the new network setup within " + spec.confirmSeconds()
                        + " s of it being applied (the change may have cut the host off); the previous setup is restored";
                LOG.warn(reason);
                notices.publish(new AgentMessage.NetworkRollback(setupId, reason));
                throw new CommandFailure(ROLLED_BACK, reason);
            }
            try {
                store.save(spec);
            } catch (IOException e) {
                LOG.warnf("the confirmed setup could not be saved (%s): a rollback after an agent restart would not "
                        + "know it", e.getMessage());
            }
            store.clearPending();
            return new Outcome(null, "applied and confirmed", Map.of("commands", (long) forward.size(),
                    "confirm_ms", (System.nanoTime() - t0) / 1_000_000));
        } finally {
            oneAtATime.unlock();
        }
    }

    /**
     * At agent start: a setup that was applied but never confirmed (the agent died while waiting) is rolled back
     * to the last confirmed one, and the engine is told at the first connect.
     */
    public void recoverInterrupted() {
        NetworkSetupSpec pending = store.pending();
        if (pending == null) {
            return;
        }
        NetworkSetupSpec previous = store.current(pending.switchType());
        VirtualSwitch now = switches.get(pending.switchType());
        VirtualSwitch before = switches.get(previous.switchType());
        try {
            if (now != null && now == before) {
                restore(now.plan(pending, previous));
            } else if (now != null && before != null) {
                restore(now.plan(pending, NetworkSetupSpec.empty(pending.switchType())));
                restore(before.plan(NetworkSetupSpec.empty(previous.switchType()), previous));
            }
        } catch (NetworkCommandException e) {
            LOG.warnf("rolling back the unconfirmed setup %s failed: %s", pending.setupId(), e.getMessage());
        }
        store.clearPending();
        String reason = "the agent restarted before the engine confirmed the network setup; the previous setup is restored";
        LOG.warn(reason);
        if (pending.setupId() != null) {
            notices.publish(new AgentMessage.NetworkRollback(pending.setupId(), reason));
        }
    }

    private void run(List<List<String>> commands) throws NetworkCommandException {
        for (List<String> c : commands) {
            LOG.infof("network: %s", String.join(" ", c));
            exec.run(c);
        }
    }

    /** Best effort: every command is tried, so one failure does not leave the rest of the old setup missing. */
    private void restore(List<List<String>> commands) {
        for (List<String> c : commands) {
            try {
                LOG.infof("network rollback: %s", String.join(" ", c));
                exec.run(c);
            } catch (NetworkCommandException e) {
                LOG.warnf("network rollback step failed: %s", e.getMessage());
            }
        }
    }

    private static List<List<String>> concat(List<List<String>> a, List<List<String>> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
