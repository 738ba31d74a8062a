package dev.vireo.engine.vms;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/vms/start}: many VMs started by one request (an admin powering on a rack, a user a
 * lab of VMs). They are placed in one batch; each VM gets its own outcome, and one VM that cannot start does
 * not stop the others.
 */
public final class BulkStart {
    /** As many as one placement batch takes, so the whole request costs one snapshot read and one commit. */
    public static final int MAX_VMS = 500;

    private BulkStart() {
    }

    public record Request(@NotNull @Size(min = 1, max = MAX_VMS, message = "name between 1 and " + MAX_VMS + " VMs")
                          List<@NotNull UUID> vmIds) {
    }

    /**
     * One VM's outcome: {@code status} 202 with the start's job, or the status and reason the single start
     * ({@code POST /vms/{id}/start}) would have answered (404, 403, 409, ...).
     */
    public record Outcome(UUID vmId, int status, JobView job, String error) {
        static Outcome accepted(UUID vmId, Job job) {
            return new Outcome(vmId, 202, JobView.of(job), null);
        }

        static Outcome refused(UUID vmId, RuntimeException e) {
            return e instanceof ApiException api ? new Outcome(vmId, api.status(), null, api.getMessage())
                    : new Outcome(vmId, 500, null, "the engine failed to place it; see its log");
        }
    }

    public record Response(int accepted, int refused, List<Outcome> results) {
        static Response of(List<Outcome> results) {
            int accepted = (int) results.stream().filter(o -> o.status() == 202).count();
            return new Response(accepted, results.size() - accepted, List.copyOf(results));
        }
    }

    /** Outcomes in the order of the request, from the refusals found before placing and the starts' outcomes. */
    static List<Outcome> merge(List<UUID> requested, Map<UUID, Outcome> early, List<UUID> placed,
                               List<Object> started) {
        Map<UUID, Outcome> byVm = new HashMap<>(early);
        for (int i = 0; i < placed.size(); i++) {
            Object o = started.get(i);
            byVm.put(placed.get(i), o instanceof Job job ? Outcome.accepted(placed.get(i), job)
                    : Outcome.refused(placed.get(i), (RuntimeException) o));
        }
        List<Outcome> results = new ArrayList<>(requested.size());
        requested.forEach(id -> results.add(byVm.get(id)));
        return results;
    }
}
