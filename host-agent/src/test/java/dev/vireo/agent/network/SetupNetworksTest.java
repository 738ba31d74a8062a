package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.NetworkSetupSpec;
import dev.vireo.protocol.NetworkSetupSpec.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetupNetworksTest {
    static final String ID = "0b2d9c0e-6a55-4d47-9a4c-2f3f1b0a9e11";

    @TempDir
    Path dir;
    final RecordingExec exec = new RecordingExec();
    final Confirmations confirmations = new Confirmations();
    final ProgressSink progress = new ProgressSink();
    final NetworkNotices notices = new NetworkNotices();
    final List<AgentMessage.Progress> progressSeen = new CopyOnWriteArrayList<>();

    SetupNetworks command(NetworkSetupStore store) {
        progress.listen(progressSeen::add);
        return new SetupNetworks(List.of(new OvsSwitch("netdev"), new LinuxBridgeSwitch()), exec, store,
                confirmations, progress, notices);
    }

    static AgentMessage.Command setup(String id, int confirmSeconds) {
        return new AgentMessage.Command("c1", CommandAction.SETUP_NETWORKS, id, null, null, null, null, null, null,
                new NetworkSetupSpec(id, "ovs", List.of(), List.of(new Attachment("lab", "ovslab", "eth1", null, 1500)),
                        confirmSeconds));
    }

    @Test
    void aConfirmedSetupStaysAndIsRemembered() throws Exception {
        NetworkSetupStore store = new NetworkSetupStore(dir.resolve("network-setup.json"));
        // the engine answers the "applied" progress frame, as AgentCommands would over the link
        progress.listen(p -> confirmations.confirm(ID));
        SetupNetworks setup = new SetupNetworks(List.of(new OvsSwitch("netdev")), exec, store, confirmations, progress,
                notices);
        var outcome = setup.execute(setup(ID, 5), ID);
        assertEquals("applied and confirmed", outcome.text());
        assertEquals(1, store.current("ovs").attachments().size());
        assertEquals(null, store.pending(), "confirmed: nothing pending");
        assertTrue(exec.joined().stream().noneMatch(c -> c.contains("del-br")), exec.joined().toString());
        assertTrue(notices.drain().isEmpty());
    }

    @Test
    void withoutAConfirmationThePreviousSetupComesBackAndTheRollbackIsReported() throws Exception {
        NetworkSetupStore store = new NetworkSetupStore(dir.resolve("network-setup.json"));
        SetupNetworks setup = command(store);
        long t0 = System.nanoTime();
        CommandFailure failure = assertThrows(CommandFailure.class, () -> setup.execute(setup(ID, 1), ID));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 1000, "waited for the deadline");
        assertEquals(SetupNetworks.ROLLED_BACK, failure.kind());
        assertTrue(failure.getMessage().contains("did not confirm"), failure.getMessage());
        assertEquals("ovs-vsctl --timeout=10 --if-exists del-br ovslab", exec.joined().get(exec.joined().size() - 2));
        assertEquals("ip link set dev eth1 mtu 1500", exec.joined().get(exec.joined().size() - 1));
        assertEquals(1, progressSeen.size(), "one 'applied' progress frame");
        var kept = notices.drain();
        assertEquals(1, kept.size());
        assertEquals(ID, ((AgentMessage.NetworkRollback) kept.get(0)).setupId());
        assertTrue(store.current("ovs").attachments().isEmpty(), "the rolled back setup is not remembered");
        assertEquals(false, confirmations.confirm(ID), "a late confirmation finds nothing to confirm");
    }

    @Test
    void anAgentThatDiedWhileWaitingRollsBackAtItsNextStart() throws Exception {
        NetworkSetupStore store = new NetworkSetupStore(dir.resolve("network-setup.json"));
        NetworkSetupSpec pending = setup(ID, 120).network();
        store.savePending(pending); // as SetupNetworks leaves it when the process dies mid-wait
        command(store).recoverInterrupted();
        assertEquals(List.of("ovs-vsctl --timeout=10 --if-exists del-br ovslab", "ip link set dev eth1 mtu 1500"),
                exec.joined());
        assertEquals(null, store.pending());
        var kept = notices.drain();
        assertEquals(ID, ((AgentMessage.NetworkRollback) kept.get(0)).setupId());
        assertTrue(((AgentMessage.NetworkRollback) kept.get(0)).reason().contains("restarted"));
        exec.commands.clear();
        command(store).recoverInterrupted();
        assertTrue(exec.commands.isEmpty(), "nothing pending: nothing to do");
    }

    @Test
    void aFailingCommandRollsBackAtOnce() {
        exec.fails = c -> c.contains("add-port");
        SetupNetworks setup = command(new NetworkSetupStore(dir.resolve("network-setup.json")));
        CommandFailure failure = assertThrows(CommandFailure.class, () -> setup.execute(setup(ID, 30), ID));
        assertEquals(SetupNetworks.ROLLED_BACK, failure.kind());
        assertTrue(failure.getMessage().contains("boom"), failure.getMessage());
        assertTrue(exec.joined().contains("ovs-vsctl --timeout=10 --if-exists del-br ovslab"), exec.joined().toString());
        assertTrue(progressSeen.isEmpty());
    }

    @Test
    void aBadSpecRunsNothing() {
        SetupNetworks setup = command(new NetworkSetupStore(dir.resolve("network-setup.json")));
        var bad = new AgentMessage.Command("c1", CommandAction.SETUP_NETWORKS, ID, null, null, null, null, null, null,
                new NetworkSetupSpec(ID, "ovs", List.of(), List.of(new Attachment("lab", "ovslab", "eth1", 5000, 1500)), 5));
        CommandFailure failure = assertThrows(CommandFailure.class, () -> setup.execute(bad, ID));
        assertEquals(CommandFailure.INVALID, failure.kind());
        assertTrue(exec.commands.isEmpty());
    }
}
