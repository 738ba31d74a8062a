package dev.vireo.engine.scheduling;

import java.util.Set;
import java.util.UUID;

/**
 * A VM that needs a host.
 *
 * @param cpuModel     the CPU model the VM needs, or null for any
 * @param excludeHosts hosts it must not go to (its current host, when migrating)
 * @param bridges      the host bridges its NICs' networks are carried on (never null)
 */
public record PlacementRequest(UUID vmId, String vmName, int memoryMiB, int vcpus, String cpuModel,
                               Set<UUID> excludeHosts, Set<String> bridges) {

    public PlacementRequest {
        bridges = bridges == null ? Set.of() : Set.copyOf(bridges);
    }

    public PlacementRequest(UUID vmId, String vmName, int memoryMiB, int vcpus, String cpuModel, Set<UUID> excludeHosts) {
        this(vmId, vmName, memoryMiB, vcpus, cpuModel, excludeHosts, Set.of());
    }

    /** The same request for a VM whose NICs need these bridges. */
    public PlacementRequest withBridges(Set<String> needed) {
        return new PlacementRequest(vmId, vmName, memoryMiB, vcpus, cpuModel, excludeHosts, needed);
    }

    public static PlacementRequest of(UUID vmId, String vmName, int memoryMiB, int vcpus) {
        return new PlacementRequest(vmId, vmName, memoryMiB, vcpus, null, Set.of());
    }
}
