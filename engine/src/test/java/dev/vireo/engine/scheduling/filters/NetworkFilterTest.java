package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class NetworkFilterTest {
    final NetworkFilter f = new NetworkFilter();

    static HostCandidate carrying(String name, Set<String> bridges) {
        return new HostCandidate(id(name), name, HostStatus.UP, true, 8192, 0, 8, 0, 0, "Skylake", bridges);
    }

    @Test
    void needsEveryBridgeOfTheVmsNetworks() {
        PlacementRequest twoNetworks = vm("v", 1, 1).withBridges(Set.of("vireobr0", "storage0"));
        assertNull(f.reject(carrying("a", Set.of("vireobr0", "storage0", "mgmt0")), twoNetworks, cluster()));
        assertEquals("lacks the bridge storage0 the VM's networks are carried on",
                f.reject(carrying("b", Set.of("vireobr0")), twoNetworks, cluster()));
        assertEquals("lacks the bridges storage0, vireobr0 the VM's networks are carried on",
                f.reject(carrying("c", Set.of()), twoNetworks, cluster()));
    }

    @Test
    void aVmWithoutNicsOrAHostThatHasNotReportedIsNotJudged() {
        assertNull(f.reject(carrying("c", Set.of()), vm("v", 1, 1), cluster()));
        assertNull(f.reject(host("d", 1024, 0), vm("v", 1, 1).withBridges(Set.of("vireobr0")), cluster()));
        assertNull(host("d", 1024, 0).with(vm("v", 1, 1)).bridges());
        assertEquals(Set.of("x"), carrying("e", Set.of("x")).with(vm("v", 1, 1)).bridges(), "booking keeps the bridges");
    }
}
