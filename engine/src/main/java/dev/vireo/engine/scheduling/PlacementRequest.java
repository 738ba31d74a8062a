package dev.vireo.engine.scheduling;

import java.util.Set;
import java.util.UUID;

/**
 * A VM that needs a host.
 *
 * @param cpuModel     the CPU model the VM needs, or null for any
 * @param excludeHosts hosts it must not go to (its current host, when migrating)
 */
public record PlacementRequest(UUID vmId, String vmName, int memoryMiB, int vcpus, String cpuModel,
                               Set<UUID> excludeHosts) {

    public static PlacementRequest of(UUID vmId, String vmName, int memoryMiB, int vcpus) {
        return new PlacementRequest(vmId, vmName, memoryMiB, vcpus, null, Set.of());
    }
}
