package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scheduler's dry run for one VM ({@code GET /api/v1/vms/{id}/placement}): the host it would run
 * on now (none if no host can), every host that could take it, best first, with each weight unit's
 * score, every host that could not with the filter unit that refused it and why, and the whole as
 * one sentence.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Placement(
        String vmId,
        String vmName,
        String wouldRunOn,
        String wouldRunOnName,
        List<RankedHost> ranked,
        List<RejectedHost> rejected,
        String explanation) {

    public Placement {
        ranked = ranked == null ? List.of() : List.copyOf(ranked);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    /** The weight units that scored any ranked host, in the order they first appear. */
    public Set<String> scoreUnits() {
        Set<String> units = new LinkedHashSet<>();
        ranked.forEach(h -> units.addAll(h.scores().keySet()));
        return units;
    }
}
