package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class HostUpFilterTest {
    final HostUpFilter f = new HostUpFilter();

    @Test
    void onlyUpAndConnectedHostsPass() {
        assertNull(f.reject(host("a", HostStatus.UP, true), vm("v", 1, 1), cluster()));
        assertEquals("is MAINTENANCE", f.reject(host("a", HostStatus.MAINTENANCE, true), vm("v", 1, 1), cluster()));
        assertEquals("is NON_RESPONSIVE", f.reject(host("a", HostStatus.NON_RESPONSIVE, true), vm("v", 1, 1), cluster()));
        assertEquals("its agent is not connected", f.reject(host("a", HostStatus.UP, false), vm("v", 1, 1), cluster()));
    }

    @Test
    void excludedHostsAreOut() {
        var request = new PlacementRequest(id("v"), "v", 1, 1, null, Set.of(id("a")));
        assertNotNull(f.reject(host("a", HostStatus.UP, true), request, cluster()));
    }
}
