package dev.vireo.ui.clusters;

import dev.vireo.ui.engine.SchedulingPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the scheduling form sends. The engine resets the weight factors to a policy's preset when a new
 * policy comes without factors, so: a new policy with the factors left as they were asks for the preset;
 * factors the admin changed are sent as the form shows them (with the policy, new or not). Empty and 0
 * factors are left out (a unit not named counts 0); anything else, negative too, goes to the engine, which
 * judges it and says why not.
 */
final class SchedulingUpdates {

    private SchedulingUpdates() {
    }

    /**
     * @param factors     the form's weight fields: unit → value, null for an empty field
     * @param overcommit  and the other limits: null for an empty field (the engine keeps its value)
     */
    static SchedulingPolicy.Update of(SchedulingPolicy loaded, String policy, Map<String, Double> factors,
                                      Double overcommit, Integer maxVmsPerHost, Integer high, Integer low) {
        Map<String, Double> weights = resetsFactors(loaded, policy, factors) ? null : named(factors);
        return new SchedulingPolicy.Update(policy, weights, overcommit, maxVmsPerHost, high, low);
    }

    /** True when saving asks for the new policy's preset factors: the policy changed, the factors did not. */
    static boolean resetsFactors(SchedulingPolicy loaded, String policy, Map<String, Double> factors) {
        boolean newPolicy = loaded == null || !Objects.equals(loaded.policy(), policy);
        boolean sameFactors = loaded != null && named(factors).equals(named(loaded.weightFactors()));
        return newPolicy && sameFactors;
    }

    /** The factors that count: empty fields and zeros left out, sorted by unit. */
    static Map<String, Double> named(Map<String, Double> factors) {
        Map<String, Double> out = new TreeMap<>();
        if (factors != null) {
            factors.forEach((unit, value) -> {
                if (value != null && value != 0.0) {
                    out.put(unit, value);
                }
            });
        }
        return out;
    }
}
