package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;

import java.util.Set;
import java.util.UUID;

/**
 * A host as the scheduler sees it.
 *
 * @param committedMiB   memory of the VMs placed on it (running, starting or migrating in): booked before
 *                       they show in the host's own statistics
 * @param committedVcpus vCPUs of those VMs
 * @param vmCount        how many VMs are placed on it
 * @param bridges        the bridges it carries networks on; null: not reported (the network filter does not judge it)
 * @param cpuModels      the guest CPU models its hypervisor offers; null: not reported (the CPU model filter does not
 *                       judge it)
 */
public record HostCandidate(UUID id, String name, HostStatus status, boolean connected, long memoryMiB,
                            long committedMiB, int cpuCount, int committedVcpus, int vmCount, String cpuModel,
                            Set<String> bridges, Set<String> cpuModels) {

    public HostCandidate(UUID id, String name, HostStatus status, boolean connected, long memoryMiB, long committedMiB,
                         int cpuCount, int committedVcpus, int vmCount, String cpuModel, Set<String> bridges) {
        this(id, name, status, connected, memoryMiB, committedMiB, cpuCount, committedVcpus, vmCount, cpuModel, bridges, null);
    }

    /** A host that has not reported its bridges. */
    public HostCandidate(UUID id, String name, HostStatus status, boolean connected, long memoryMiB, long committedMiB,
                         int cpuCount, int committedVcpus, int vmCount, String cpuModel) {
        this(id, name, status, connected, memoryMiB, committedMiB, cpuCount, committedVcpus, vmCount, cpuModel, null);
    }

    public long freeMiB() {
        return memoryMiB - committedMiB;
    }

    /** The same host after {@code request} landed on it: how batch placement books as it goes. */
    public HostCandidate with(PlacementRequest request) {
        return new HostCandidate(id, name, status, connected, memoryMiB, committedMiB + request.memoryMiB(),
                cpuCount, committedVcpus + request.vcpus(), vmCount + 1, cpuModel, bridges, cpuModels);
    }
}
