package dev.vireo.engine.scheduling;

import java.util.Map;
import java.util.UUID;

/**
 * What placing VMs changes in a cluster: each host's load (the VMs placed on it, starting or migrating in) and
 * where the VMs of affinity groups run. Read under the cluster's placement lock ({@link SnapshotReader#readLoad}),
 * or carried over from the previous batch ({@link LoadCache}).
 */
public record ClusterLoad(Map<UUID, HostLoad> hosts, Map<UUID, UUID> vmHosts) {

    public record HostLoad(long memoryMiB, int vcpus, int vms) {
        HostLoad plus(HostLoad other) {
            return new HostLoad(memoryMiB + other.memoryMiB, vcpus + other.vcpus, vms + other.vms);
        }
    }
}
