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

class HostAffinityFilterTest {
    final HostAffinityFilter f = new HostAffinityFilter();

    @Test
    void hardPinningAndExclusion() {
        var pin = group("pin", Polarity.NONE, Polarity.POSITIVE, true, Set.of(id("v")), Set.of(id("a"), id("b")));
        var keepOff = group("off", Polarity.NONE, Polarity.NEGATIVE, true, Set.of(id("v")), Set.of(id("b")));
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(pin, keepOff), Map.of());
        assertNull(f.reject(host("a", 1024, 0), vm("v", 1, 1), c));
        assertEquals("is excluded by affinity group 'off'", f.reject(host("b", 1024, 0), vm("v", 1, 1), c));
        assertEquals("is not one of the hosts of affinity group 'pin'", f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
        assertNull(f.reject(host("c", 1024, 0), vm("other", 1, 1), c), "VMs outside the group are free");
    }

    @Test
    void softGroupsDoNotFilter() {
        var soft = group("pin", Polarity.NONE, Polarity.POSITIVE, false, Set.of(id("v")), Set.of(id("a")));
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(soft), Map.of());
        assertNull(f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
    }
}
