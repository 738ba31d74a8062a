package dev.vireo.ui.engine;

import java.util.Set;

/** {@code GET /api/v1/me}: the signed-in person as the engine sees them. */
public record Me(String name, Set<String> groups, boolean admin, Quota quota) {

    /** Their quota's limits (null: unlimited) and use; the whole record is null when none applies. */
    public record Quota(String name, Integer maxVcpus, Long maxMemoryMiB, Integer maxVms, long usedVcpus,
                        long usedMemoryMiB, long usedVms) {
    }
}
