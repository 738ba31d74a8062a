package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;

import java.util.UUID;

/**
 * A host as the scheduler sees it.
 *
 * @param committedMiB memory of the VMs already placed on it (running or starting), booked before
 *                     they show in the host's own statistics
 */
public record HostCandidate(UUID id, String name, HostStatus status, boolean connected, long memoryMiB,
                            long committedMiB) {
    public long freeMiB() {
        return memoryMiB - committedMiB;
    }
}
