package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A quota's limits (null: unlimited) next to its use, and whom it is for, as {@code GET /api/v1/quotas} lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Quota(String id, String name, String principalKind, String principal, Integer maxVcpus, Long maxMemoryMiB, Integer maxVms, long usedVcpus,
                    long usedMemoryMiB, long usedVms) {

    /** Body of {@code POST}/{@code PUT /api/v1/quotas}. */
    public record Request(String name, String principalKind, String principal, Integer maxVcpus, Long maxMemoryMiB,
                          Integer maxVms) {
    }
}
