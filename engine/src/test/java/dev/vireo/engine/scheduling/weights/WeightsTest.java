package dev.vireo.engine.scheduling.weights;

import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each weight unit's score, 0 to 100, on hand-computed cases. */
class WeightsTest {

    @Test
    void evenMemoryScoresTheFreeShareAfterPlacement() {
        assertEquals(50.0, new EvenMemoryWeight().score(host("a", 4096, 1024), vm("v", 1024, 1), cluster()), 1e-9);
        assertEquals(0.0, new EvenMemoryWeight().score(host("a", 4096, 4096), vm("v", 1024, 1), cluster()), 1e-9);
    }

    @Test
    void evenCpuScoresTheFreeVcpuShareAfterPlacement() {
        // 8 CPUs x 4.0 = 32 vCPUs; 15 + 1 after placement = half
        assertEquals(50.0, new EvenCpuWeight().score(busy("a", 8, 15, 3), vm("v", 1, 1), cluster()), 1e-9);
    }

    @Test
    void powerSavingPrefersFullerHostsUntilTheThreshold() {
        var w = new PowerSavingWeight();
        assertEquals(75.0, w.score(host("a", 4096, 2048), vm("v", 1024, 1), cluster()), 1e-9);
        assertEquals(0.0, w.score(host("a", 4096, 3000), vm("v", 1024, 1), cluster()), 1e-9, "over 80 %");
    }

    @Test
    void evenVmCountFavoursFewerVms() {
        var w = new EvenVmCountWeight();
        assertEquals(100.0, w.score(busy("a", 8, 0, 0), vm("v", 1, 1), cluster()), 1e-9);
        assertEquals(25.0, w.score(busy("a", 8, 0, 3), vm("v", 1, 1), cluster()), 1e-9);
    }

    @Test
    void softAffinityRewardsHonouredGroupsAndIsNeutralWithout() {
        var w = new SoftAffinityWeight();
        var together = group("t", Polarity.POSITIVE, Polarity.NONE, false, Set.of(id("v"), id("x")), Set.of());
        var pin = group("p", Polarity.NONE, Polarity.POSITIVE, false, Set.of(id("v")), Set.of(id("b")));
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(together, pin), Map.of(id("x"), id("a")));
        assertEquals(50.0, w.score(host("a", 1, 0), vm("v", 1, 1), c), 1e-9, "with x but not pinned host");
        assertEquals(50.0, w.score(host("b", 1, 0), vm("v", 1, 1), c), 1e-9, "pinned host but not with x");
        assertEquals(0.0, w.score(host("c", 1, 0), vm("v", 1, 1), c), 1e-9);
        assertEquals(50.0, w.score(host("c", 1, 0), vm("free", 1, 1), c), 1e-9, "no group: neutral");
    }

    @Test
    void hardGroupsDoNotWeigh() {
        var hard = group("h", Polarity.NONE, Polarity.POSITIVE, true, Set.of(id("v")), Set.of(id("b")));
        var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(hard), Map.of());
        assertEquals(50.0, new SoftAffinityWeight().score(host("a", 1, 0), vm("v", 1, 1), c), 1e-9);
    }
}
