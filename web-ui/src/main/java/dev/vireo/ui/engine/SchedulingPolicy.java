package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A cluster's scheduling policy as {@code GET /api/v1/clusters/{id}/scheduling} shows it: the named policy
 * ({@code NONE}, {@code EVENLY_DISTRIBUTED}, {@code POWER_SAVING}, {@code VM_EVENLY_DISTRIBUTED}), a factor
 * per weight unit (units not named count 0), the filters' limits, and what the engine offers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchedulingPolicy(String policy, Map<String, Double> weightFactors, double vcpuOvercommit,
                               int maxVmsPerHost, int highUtilization, int lowUtilization,
                               List<String> availablePolicies, List<String> availableWeights, List<String> filters) {

    /**
     * The body of {@code PUT}: every field optional (null: keep). A {@code policy} given without
     * {@code weightFactors} resets the factors to that policy's preset.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Update(String policy, Map<String, Double> weightFactors, Double vcpuOvercommit, Integer maxVmsPerHost,
                         Integer highUtilization, Integer lowUtilization) {
    }
}
