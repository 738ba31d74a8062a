package dev.vireo.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.ui.engine.SchedulingPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the scheduling form sends for what the admin changed. */
class SchedulingUpdatesTest {

    private static final SchedulingPolicy EVEN = new SchedulingPolicy("EVENLY_DISTRIBUTED",
            Map.of("even_memory", 2.0, "even_cpu", 1.0, "soft_affinity", 3.0), 4.0, 0, 80, 20,
            List.of("NONE", "EVENLY_DISTRIBUTED", "POWER_SAVING"), List.of("even_memory", "even_cpu", "power_saving",
            "soft_affinity"), List.of("memory"));

    /** The form's fields as loaded from EVEN: every unit, empty where the policy names none. */
    private static Map<String, Double> form() {
        Map<String, Double> f = new HashMap<>(EVEN.weightFactors());
        f.put("power_saving", null);
        return f;
    }

    @Test
    void aNewPolicyWithUntouchedFactorsAsksForItsPreset() {
        SchedulingPolicy.Update u = SchedulingUpdates.of(EVEN, "POWER_SAVING", form(), 4.0, 0, 80, 20);
        assertEquals("POWER_SAVING", u.policy());
        assertNull(u.weightFactors(), "the engine applies power_saving's preset");
        assertTrue(SchedulingUpdates.resetsFactors(EVEN, "POWER_SAVING", form()));
    }

    @Test
    void aNewPolicyWithAChangedFactorSendsTheFactorsAsShown() {
        Map<String, Double> f = form();
        f.put("power_saving", 5.0);
        f.put("even_cpu", 0.0);
        SchedulingPolicy.Update u = SchedulingUpdates.of(EVEN, "POWER_SAVING", f, 4.0, 0, 80, 20);
        assertEquals("POWER_SAVING", u.policy());
        assertEquals(Map.of("even_memory", 2.0, "power_saving", 5.0, "soft_affinity", 3.0), u.weightFactors(),
                "zeros and empty fields left out");
        assertFalse(SchedulingUpdates.resetsFactors(EVEN, "POWER_SAVING", f));
    }

    @Test
    void theSamePolicyAlwaysSendsItsFactorsSoTheyAreNotReset() {
        SchedulingPolicy.Update u = SchedulingUpdates.of(EVEN, "EVENLY_DISTRIBUTED", form(), 2.5, 10, 90, 10);
        assertEquals(EVEN.weightFactors(), u.weightFactors());
        assertEquals(2.5, u.vcpuOvercommit());
        assertEquals(10, u.maxVmsPerHost());
        assertEquals(90, u.highUtilization());
        assertEquals(10, u.lowUtilization());
    }

    @Test
    void aNegativeFactorGoesToTheEngineToBeJudged() {
        Map<String, Double> f = form();
        f.put("even_cpu", -1.0);
        assertEquals(-1.0, SchedulingUpdates.of(EVEN, "EVENLY_DISTRIBUTED", f, null, null, null, null)
                .weightFactors().get("even_cpu"));
    }

    @Test
    void emptyLimitsAreLeftToTheEngine() {
        SchedulingPolicy.Update u = SchedulingUpdates.of(EVEN, "EVENLY_DISTRIBUTED", form(), null, null, null, null);
        assertNull(u.vcpuOvercommit());
        assertNull(u.maxVmsPerHost());
        assertNull(u.highUtilization());
        assertNull(u.lowUtilization());
    }

    @Test
    void policyNamesAreShownAsOVirtWritesThem() {
        assertEquals("power_saving", SchedulingForm.label("POWER_SAVING"));
        assertEquals("vm_evenly_distributed", SchedulingForm.label("VM_EVENLY_DISTRIBUTED"));
    }
}
