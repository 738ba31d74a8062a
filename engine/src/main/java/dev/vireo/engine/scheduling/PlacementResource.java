package dev.vireo.engine.scheduling;

import dev.vireo.engine.network.Network;
import dev.vireo.engine.access.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.vms.Vm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** "Where would this VM go, and why?" — the scheduler's full explanation, without placing anything. */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/vms/{id}/placement")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {

    public record PlacementView(UUID vmId, String vmName, UUID wouldRunOn, String wouldRunOnName,
                                List<Ranking.Scored> ranked, List<Ranking.Rejection> rejected, String explanation) {
    }

    @Inject
    SnapshotReader snapshots;

    /** A dry run: where the scheduler would place this VM now, every host's score, and why the others are out. */
    @GET
    public PlacementView placement(@PathParam("id") UUID vmId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            ClusterSnapshot snapshot = snapshots.read(vm.clusterId);
            Set<UUID> exclude = vm.hostId == null ? Set.of() : Set.of(vm.hostId);
            Ranking ranking = Scheduler.rank(snapshot, new PlacementRequest(vm.id, vm.name, vm.memoryMiB, vm.vcpus, vm.effectiveCpuModel(), exclude,
                    Network.bridgesOf(vm.id)));
            UUID best = ranking.best().orElse(null);
            String bestName = ranking.ranked().isEmpty() ? null : ranking.ranked().get(0).hostName();
            return new PlacementView(vm.id, vm.name, best, bestName, ranking.ranked(), ranking.rejected(),
                    best == null ? "no host can run it: " + ranking.explain()
                            : "would run on " + bestName + (ranking.rejected().isEmpty() ? "" : "; not on " + ranking.explain()));
        });
    }

}
