package dev.vireo.engine.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.vireo.engine.hosts.HostStatus;

/**
 * The first placement policy: a host that is UP, connected and has the memory; among those, the one with
 * the most free memory. A pure function of the snapshot; the scheduler issue grows this into filter and
 * weight units.
 */
public final class Placement {

    /** Where the VM goes, or why it cannot go anywhere (one reason per host). */
    public record Decision(Optional<UUID> hostId, List<String> rejections) {
        public String explain() {
            return rejections.isEmpty() ? "the cluster has no hosts" : String.join("; ", rejections);
        }
    }

    private Placement() {
    }

    public static Decision place(ClusterSnapshot snapshot, int memoryMiB) {
        List<String> rejections = new ArrayList<>();
        List<HostCandidate> fit = new ArrayList<>();
        for (HostCandidate h : snapshot.hosts()) {
            String why = reject(h, memoryMiB);
            if (why == null) {
                fit.add(h);
            } else {
                rejections.add(h.name() + ": " + why);
            }
        }
        return new Decision(fit.stream()
                .max(Comparator.comparingLong(HostCandidate::freeMiB).thenComparing(HostCandidate::name, Comparator.reverseOrder()))
                .map(HostCandidate::id), rejections);
    }

    private static String reject(HostCandidate h, int memoryMiB) {
        if (h.status() != HostStatus.UP) {
            return "is " + h.status();
        }
        if (!h.connected()) {
            return "its agent is not connected";
        }
        if (h.freeMiB() < memoryMiB) {
            return "has " + Math.max(0, h.freeMiB()) + " MiB free, needs " + memoryMiB;
        }
        return null;
    }
}
