package dev.vireo.engine.quotas;

import java.util.UUID;

/** A quota's limits next to what its VMs use now. */
public record QuotaUsage(UUID id, String name, Integer maxVcpus, Long maxMemoryMiB, Integer maxVms,
                         long usedVcpus, long usedMemoryMiB, long usedVms) {

    static QuotaUsage of(Quota q, long vcpus, long memoryMiB, long vms) {
        return new QuotaUsage(q.id, q.name, q.maxVcpus, q.maxMemoryMiB, q.maxVms, vcpus, memoryMiB, vms);
    }
}
