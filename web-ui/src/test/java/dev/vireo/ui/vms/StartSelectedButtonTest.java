package dev.vireo.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.ui.engine.BulkStart;
import dev.vireo.ui.engine.Vm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a bulk start tells the user: how many start, and each refused VM by name with the engine's reason. */
class StartSelectedButtonTest {

    private static Vm vm(String id, String name) {
        return new Vm(id, name, null, "c", null, null, null, null, null, null, null, null, null, null);
    }

    private static BulkStart.Outcome started(String id) {
        return new BulkStart.Outcome(id, 202, null, null);
    }

    private static BulkStart.Outcome refused(String id, int status, String why) {
        return new BulkStart.Outcome(id, status, null, why);
    }

    @Test
    void allStarted() {
        List<Vm> asked = List.of(vm("1", "web"), vm("2", "db"));
        assertEquals("Starting 2 VMs", StartSelectedButton.summary(asked, new BulkStart(2, 0, List.of(started("1"), started("2")))));
        assertEquals("Starting 1 VM", StartSelectedButton.summary(asked.subList(0, 1), new BulkStart(1, 0, List.of(started("1")))));
    }

    @Test
    void refusalsAreNamedWithTheirReasons() {
        List<Vm> asked = List.of(vm("1", "web"), vm("2", "db"), vm("3", "cache"));
        BulkStart answer = new BulkStart(1, 2, List.of(
                refused("1", 409, "no host in cluster 'Default' can run VM web"),
                started("2"),
                refused("3", 409, "VM cache is RUNNING; it can be started only when DOWN")));
        assertEquals("Starting 1 of 3; not started: web (no host in cluster 'Default' can run VM web); "
                + "cache (VM cache is RUNNING; it can be started only when DOWN)", StartSelectedButton.summary(asked, answer));
    }

    @Test
    void manyRefusalsAreCountedAfterTheFirstThree() {
        List<Vm> asked = new ArrayList<>();
        List<BulkStart.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            asked.add(vm("id" + i, "vm" + i));
            outcomes.add(refused("id" + i, 409, "full"));
        }
        assertEquals("Starting 0 of 5; not started: vm0 (full); vm1 (full); vm2 (full); and 2 more",
                StartSelectedButton.summary(asked, new BulkStart(0, 5, outcomes)));
    }
}
