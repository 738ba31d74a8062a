package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Small builders for scheduler tests: hosts, requests and snapshots in one line each. */
public final class Fixtures {
    private Fixtures() {
    }

    public static HostCandidate host(String name, long memoryMiB, long committedMiB) {
        return new HostCandidate(id(name), name, HostStatus.UP, true, memoryMiB, committedMiB, 8, 0, 0, "Skylake");
    }

    public static HostCandidate host(String name, HostStatus status, boolean connected) {
        return new HostCandidate(id(name), name, status, connected, 8192, 0, 8, 0, 0, "Skylake");
    }

    public static HostCandidate busy(String name, int cpus, int committedVcpus, int vms) {
        return new HostCandidate(id(name), name, HostStatus.UP, true, 65536, 0, cpus, committedVcpus, vms, "Skylake");
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    public static PlacementRequest vm(String name, int memoryMiB, int vcpus) {
        return PlacementRequest.of(id(name), name, memoryMiB, vcpus);
    }

    public static ClusterSnapshot cluster(SchedulingPolicy policy, List<HostCandidate> hosts, List<AffinityGroup> groups,
                                          Map<UUID, UUID> vmHosts) {
        return new ClusterSnapshot(id("cluster"), "c", policy, hosts, groups, vmHosts);
    }

    public static ClusterSnapshot cluster(HostCandidate... hosts) {
        return cluster(SchedulingPolicy.defaults(), List.of(hosts), List.of(), Map.of());
    }

    public static AffinityGroup group(String name, AffinityGroup.Polarity vms, AffinityGroup.Polarity hosts, boolean hard,
                                      Set<UUID> vmIds, Set<UUID> hostIds) {
        return new AffinityGroup(id(name), name, vms, hosts, hard, vmIds, hostIds);
    }
}
