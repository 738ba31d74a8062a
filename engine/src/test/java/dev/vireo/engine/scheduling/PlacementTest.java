package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class PlacementTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private static ClusterSnapshot cluster(HostCandidate... hosts) {
        return new ClusterSnapshot(UUID.randomUUID(), "c", List.of(hosts));
    }

    @Test
    void picksTheUpHostWithTheMostFreeMemory() {
        var d = Placement.place(cluster(
                new HostCandidate(A, "a", HostStatus.UP, true, 4096, 3000),
                new HostCandidate(B, "b", HostStatus.UP, true, 4096, 1000)), 512);
        assertEquals(B, d.hostId().orElseThrow());
    }

    @Test
    void explainsEveryRejection() {
        var d = Placement.place(cluster(
                new HostCandidate(A, "a", HostStatus.MAINTENANCE, true, 4096, 0),
                new HostCandidate(B, "b", HostStatus.UP, true, 1024, 900)), 512);
        assertTrue(d.hostId().isEmpty());
        assertEquals("a: is MAINTENANCE; b: has 124 MiB free, needs 512", d.explain());
    }

    @Test
    void aDisconnectedAgentCannotTakeVms() {
        var d = Placement.place(cluster(new HostCandidate(A, "a", HostStatus.UP, false, 4096, 0)), 64);
        assertTrue(d.hostId().isEmpty());
        assertTrue(d.explain().contains("not connected"));
    }

    @Test
    void anEmptyClusterSaysSo() {
        assertEquals("the cluster has no hosts", Placement.place(cluster(), 64).explain());
    }
}
