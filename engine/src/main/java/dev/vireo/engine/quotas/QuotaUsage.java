package dev.vireo.engine.quotas;

import dev.vireo.engine.access.PrincipalKind;

import java.util.UUID;

/** A quota's limits next to what its VMs use now. */
public record QuotaUsage(UUID id, String name, PrincipalKind principalKind, String principal, Integer maxVcpus,
                         Long maxMemoryMiB, Integer maxVms, long usedVcpus, long usedMemoryMiB, long usedVms) {

    static QuotaUsage of(Quota q, long vcpus, long memoryMiB, long vms) {
        return new QuotaUsage(q.id, q.name, q.principalKind, q.principal, q.maxVcpus, q.maxMemoryMiB, q.maxVms,
                vcpus, memoryMiB, vms);
    }
}
