package dev.vireo.engine.balancing;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.id;
import static org.junit.jupiter.api.Assertions.*;

class BalancePlannerTest {

    private static HostCandidate host(String name, long memory, long committed, int vms) {
        return new HostCandidate(id(name), name, HostStatus.UP, true, memory, committed, 64, vms, vms, "m");
    }

    private static BalancePlanner.RunningVm vm(String name, String host, int memory) {
        return new BalancePlanner.RunningVm(id(name), name, id(host), memory, 1);
    }

    private static ClusterSnapshot cluster(SchedulingPolicy.Name policy, HostCandidate... hosts) {
        return new ClusterSnapshot(id("c"), "c", SchedulingPolicy.preset(policy), List.of(hosts), List.of(), Map.of());
    }

    @Test
    void anOverloadedHostGivesItsSmallestHelpfulVmToAnEmptierOne() {
        var c = cluster(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, host("a", 1000, 900, 2), host("b", 1000, 100, 1));
        var move = BalancePlanner.propose(c, List.of(vm("big", "a", 600), vm("small", "a", 300), vm("x", "b", 100)), Set.of());
        assertTrue(move.isPresent());
        assertEquals("small", move.get().vmName());
        assertEquals(id("b"), move.get().to());
        assertTrue(move.get().why().contains("90%"), move.get().why());
    }

    @Test
    void nothingMovesBelowTheThresholdOrWithoutHysteresis() {
        var calm = cluster(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, host("a", 1000, 700, 1), host("b", 1000, 100, 1));
        assertTrue(BalancePlanner.propose(calm, List.of(vm("v", "a", 700), vm("w", "b", 100)), Set.of()).isEmpty());
        // a move that would leave the destination as loaded as the source was is no improvement: it would ping-pong
        var even = cluster(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, host("a", 1000, 850, 1), host("b", 1000, 840, 1));
        assertTrue(BalancePlanner.propose(even, List.of(vm("v", "a", 850), vm("w", "b", 840)), Set.of()).isEmpty());
    }

    @Test
    void recentlyMovedVmsStayPut() {
        var c = cluster(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, host("a", 1000, 900, 1), host("b", 1000, 0, 0));
        assertTrue(BalancePlanner.propose(c, List.of(vm("v", "a", 300)), Set.of(id("v"))).isEmpty());
        assertTrue(BalancePlanner.propose(c, List.of(vm("v", "a", 300)), Set.of()).isPresent());
    }

    @Test
    void powerSavingEmptiesTheLeastUsedHostOntoABusierOne() {
        var c = cluster(SchedulingPolicy.Name.POWER_SAVING, host("a", 1000, 100, 1), host("b", 1000, 500, 2));
        var move = BalancePlanner.propose(c, List.of(vm("lonely", "a", 100), vm("x", "b", 250), vm("y", "b", 250)), Set.of());
        assertEquals("lonely", move.orElseThrow().vmName());
        assertEquals(id("b"), move.get().to());
    }

    @Test
    void vmCountSpreadingNeedsADifferenceOfTwo() {
        var c = cluster(SchedulingPolicy.Name.VM_EVENLY_DISTRIBUTED, host("a", 10000, 300, 3), host("b", 10000, 100, 1));
        var vms = List.of(vm("v1", "a", 100), vm("v2", "a", 100), vm("v3", "a", 100), vm("w", "b", 100));
        assertEquals(id("b"), BalancePlanner.propose(c, vms, Set.of()).orElseThrow().to());
        var close = cluster(SchedulingPolicy.Name.VM_EVENLY_DISTRIBUTED, host("a", 10000, 200, 2), host("b", 10000, 100, 1));
        assertTrue(BalancePlanner.propose(close, List.of(vm("v1", "a", 100), vm("v2", "a", 100), vm("w", "b", 100)), Set.of()).isEmpty());
    }

    @Test
    void policyNoneAndASingleHostNeverMoveAnything() {
        var none = cluster(SchedulingPolicy.Name.NONE, host("a", 1000, 990, 1), host("b", 1000, 0, 0));
        assertTrue(BalancePlanner.propose(none, List.of(vm("v", "a", 990)), Set.of()).isEmpty());
        var single = cluster(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, host("a", 1000, 990, 1));
        assertTrue(BalancePlanner.propose(single, List.of(vm("v", "a", 990)), Set.of()).isEmpty());
    }
}
