package dev.vireo.engine.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The scheduler's answer: the hosts that may take the VM, best first, with each weight unit's score, and
 * every host that may not, with the unit that refused it and why. This is the placement explanation.
 */
public record Ranking(List<Scored> ranked, List<Rejection> rejected) {

    public record Scored(UUID hostId, String hostName, double total, Map<String, Double> scores) {
    }

    public record Rejection(UUID hostId, String hostName, String unit, String reason) {
    }

    public Optional<UUID> best() {
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0).hostId());
    }

    /** "hostA: memory: has 100 MiB free, needs 512; hostB: host_up: is MAINTENANCE" */
    public String explain() {
        if (rejected.isEmpty() && ranked.isEmpty()) {
            return "the cluster has no hosts";
        }
        return rejected.stream().map(r -> r.hostName() + ": " + r.unit() + ": " + r.reason())
                .collect(Collectors.joining("; "));
    }
}
