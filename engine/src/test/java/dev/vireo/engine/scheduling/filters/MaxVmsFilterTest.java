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

class MaxVmsFilterTest {
    final MaxVmsFilter f = new MaxVmsFilter();

    @Test
    void capsVmsPerHostOnlyWhenSet() {
        var capped = cluster(new SchedulingPolicy(SchedulingPolicy.Name.NONE, Map.of(), 4, 3, 80, 20), List.of(), List.of(), Map.of());
        assertNull(f.reject(busy("a", 8, 0, 2), vm("v", 1, 1), capped));
        assertEquals("already runs 3 VMs, the cluster allows 3 per host", f.reject(busy("a", 8, 0, 3), vm("v", 1, 1), capped));
        assertNull(f.reject(busy("a", 8, 0, 300), vm("v", 1, 1), cluster()));
    }
}
