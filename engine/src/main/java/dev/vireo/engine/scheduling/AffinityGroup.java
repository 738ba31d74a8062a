package dev.vireo.engine.scheduling;

import java.util.Set;
import java.util.UUID;

/**
 * VMs that should run together (positive) or apart (negative), and/or on a set of hosts.
 * Hard groups are filters (a host that breaks them is out); soft groups only weigh.
 *
 * @param vmPolarity   for the VMs among each other: POSITIVE, NEGATIVE, or NONE (the group only pins to hosts)
 * @param hostPolarity for the VMs towards {@code hostIds}: POSITIVE (only those hosts), NEGATIVE (never those), or NONE
 */
public record AffinityGroup(UUID id, String name, Polarity vmPolarity, Polarity hostPolarity, boolean hard,
                            Set<UUID> vmIds, Set<UUID> hostIds) {

    public enum Polarity {
        POSITIVE, NEGATIVE, NONE
    }

    public boolean contains(UUID vmId) {
        return vmIds.contains(vmId);
    }
}
