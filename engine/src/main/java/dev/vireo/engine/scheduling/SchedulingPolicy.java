package dev.vireo.engine.scheduling;

import java.util.Map;

/**
 * A cluster's scheduling policy: which weights count and how much, and the limits filters apply.
 *
 * @param weightFactors    factor per weight unit name; units not named count 0
 * @param vcpuOvercommit   how many vCPUs a host may carry per physical CPU (oVirt's default is 1 per thread
 *                         only for pinned VMs; 4 is a common default for general workloads)
 * @param maxVmsPerHost    0 = no limit
 * @param highUtilization  percent of memory above which a host counts as over-utilized (even distribution)
 * @param lowUtilization   percent below which a host counts as under-utilized (power saving)
 */
public record SchedulingPolicy(Name name, Map<String, Double> weightFactors, double vcpuOvercommit, int maxVmsPerHost,
                               int highUtilization, int lowUtilization) {

    public enum Name {
        NONE, EVENLY_DISTRIBUTED, POWER_SAVING, VM_EVENLY_DISTRIBUTED
    }

    public static final double DEFAULT_VCPU_OVERCOMMIT = 4.0;

    /** The preset weights of a named policy; an admin may change factors afterwards. */
    public static Map<String, Double> presetWeights(Name name) {
        return switch (name) {
            case NONE -> Map.of();
            case EVENLY_DISTRIBUTED -> Map.of("even_memory", 2.0, "even_cpu", 1.0, "soft_affinity", 3.0);
            case POWER_SAVING -> Map.of("power_saving", 2.0, "soft_affinity", 3.0);
            case VM_EVENLY_DISTRIBUTED -> Map.of("even_vm_count", 2.0, "soft_affinity", 3.0);
        };
    }

    public static SchedulingPolicy preset(Name name) {
        return new SchedulingPolicy(name, presetWeights(name), DEFAULT_VCPU_OVERCOMMIT, 0, 80, 20);
    }

    public static SchedulingPolicy defaults() {
        return preset(Name.EVENLY_DISTRIBUTED);
    }

    public double factor(String unit) {
        return weightFactors.getOrDefault(unit, 0.0);
    }
}
