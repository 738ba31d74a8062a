package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The engine's answer to a bulk start ({@code POST /api/v1/vms/start}): how many VMs were placed and one
 * outcome per VM asked for, in order — 202 with its start job, or the status and reason that refused it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BulkStart(int accepted, int refused, List<Outcome> results) {

    public BulkStart {
        results = results == null ? List.of() : List.copyOf(results);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcome(String vmId, int status, Job job, String error) {
        public boolean accepted() {
            return status == 202;
        }
    }

    /** The body the engine takes. */
    record Request(List<String> vmIds) {
    }
}
