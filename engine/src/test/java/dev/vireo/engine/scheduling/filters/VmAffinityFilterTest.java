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

class VmAffinityFilterTest {
    final VmAffinityFilter f = new VmAffinityFilter();

    @Test
    void negativeKeepsApartPositiveKeepsTogether() {
        var apart = group("apart", Polarity.NEGATIVE, Polarity.NONE, true, Set.of(id("v"), id("w")), Set.of());
        var together = group("together", Polarity.POSITIVE, Polarity.NONE, true, Set.of(id("v"), id("x")), Set.of());
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(apart, together),
                Map.of(id("w"), id("a"), id("x"), id("b")));
        assertEquals("runs a VM of negative affinity group 'apart'", f.reject(host("a", 1024, 0), vm("v", 1, 1), c));
        assertNull(f.reject(host("b", 1024, 0), vm("v", 1, 1), c));
        assertEquals("is not where the VMs of positive affinity group 'together' run",
                f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
    }

    @Test
    void groupMembersThatDoNotRunYetConstrainNothing() {
        var together = group("together", Polarity.POSITIVE, Polarity.NONE, true, Set.of(id("v"), id("x")), Set.of());
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(together), Map.of());
        assertNull(f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
    }
}
