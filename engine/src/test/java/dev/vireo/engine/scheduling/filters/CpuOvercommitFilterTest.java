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

class CpuOvercommitFilterTest {
    final CpuOvercommitFilter f = new CpuOvercommitFilter();

    @Test
    void staysWithinTheRatioAndTheHostsCpus() {
        var policy = new SchedulingPolicy(SchedulingPolicy.Name.NONE, Map.of(), 2.0, 0, 80, 20);
        var c = cluster(policy, List.of(), List.of(), Map.of());
        assertNull(f.reject(busy("a", 4, 6, 3), vm("v", 1, 2), c));
        assertEquals("would carry 9 vCPUs, over its limit of 8 (4 CPUs x 2.0)", f.reject(busy("a", 4, 6, 3), vm("v", 1, 3), c));
        assertEquals("has 4 CPUs, the VM wants 5", f.reject(busy("a", 4, 0, 0), vm("v", 1, 5), c));
    }
}
