package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;

import java.util.UUID;

/**
 * A host as the scheduler sees it.
 *
 * @param committedMiB   memory of the VMs placed on it (running, starting or migrating in): booked before
 *                       they show in the host's own statistics
 * @param committedVcpus vCPUs of those VMs
 * @param vmCount        how many VMs are placed on it
 */
public record HostCandidate(UUID id, String name, HostStatus status, boolean connected, long memoryMiB,
                            long committedMiB, int cpuCount, int committedVcpus, int vmCount, String cpuModel) {

    public long freeMiB() {
        return memoryMiB - committedMiB;
    }

    /** The same host after {@code request} landed on it: how batch placement books as it goes. */
    public HostCandidate with(PlacementRequest request) {
        return new HostCandidate(id, name, status, connected, memoryMiB, committedMiB + request.memoryMiB(),
                cpuCount, committedVcpus + request.vcpus(), vmCount + 1, cpuModel);
    }
}
