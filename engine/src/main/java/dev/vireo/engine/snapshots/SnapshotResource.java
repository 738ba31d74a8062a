package dev.vireo.engine.snapshots;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * A VM's snapshots. Making, listing and reverting them needs the USER role on the VM; deleting one needs
 * ADMIN (its owner, say). Making, reverting and deleting are jobs: 202 with the job, like power actions.
 */
@Path("/api/v1/vms/{vmId}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SnapshotResource {
    /** the characters XML 1.0 cannot hold (the description goes into libvirt's snapshot XML), lone surrogates too */
    static final String XML_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\p{Cs}\\uFFFE\\uFFFF]*";

    /**
     * {@code withMemory}: save the running guest's memory too (a revert brings the guest back running as it was);
     * without, a snapshot of the disk of a VM that is down. Absent means false.
     */
    public record CreateSnapshotRequest(
            @NotNull @Size(min = 1, max = 64)
            @Pattern(regexp = "[\\p{L}\\p{N}]([\\p{L}\\p{N} ._-]*[\\p{L}\\p{N}._-])?",
                    message = "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' and '-'")
            String name,
            @Size(max = 1024)
            @Pattern(regexp = XML_TEXT, flags = Pattern.Flag.DOTALL,
                    message = "must not hold control characters other than tabs and line breaks")
            String description,
            Boolean withMemory) {
    }

    @Inject
    VmAccess access;
    @Inject
    CurrentCaller caller;
    @Inject
    CreateSnapshot create;
    @Inject
    RevertSnapshot revert;
    @Inject
    DeleteSnapshot delete;

    /** Oldest first. */
    @GET
    public List<SnapshotView> list(@PathParam("vmId") UUID vmId) {
        access.require(caller.get(), vmId, Role.USER);
        return QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>list("vmId", Sort.ascending("createdAt", "id"), vmId)
                .stream().map(SnapshotView::of).toList());
    }

    @GET
    @Path("{snapshotId}")
    public SnapshotView get(@PathParam("vmId") UUID vmId, @PathParam("snapshotId") UUID snapshotId) {
        access.require(caller.get(), vmId, Role.USER);
        return QuarkusTransaction.requiringNew().call(() -> SnapshotView.of(SnapshotSupport.find(vmId, snapshotId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("vmId") UUID vmId, @Valid @NotNull CreateSnapshotRequest request) {
        access.require(caller.get(), vmId, Role.USER);
        String description = request.description() == null || request.description().isBlank() ? null : request.description();
        return accepted(create.begin(vmId, new CreateSnapshot.Request(request.name(), description,
                Boolean.TRUE.equals(request.withMemory())), caller.name()));
    }

    @POST
    @Path("{snapshotId}/revert")
    public Response revert(@PathParam("vmId") UUID vmId, @PathParam("snapshotId") UUID snapshotId) {
        access.require(caller.get(), vmId, Role.USER);
        return accepted(revert.begin(vmId, snapshotId, caller.name()));
    }

    @DELETE
    @Path("{snapshotId}")
    public Response delete(@PathParam("vmId") UUID vmId, @PathParam("snapshotId") UUID snapshotId) {
        access.require(caller.get(), vmId, Role.ADMIN);
        return accepted(delete.begin(vmId, snapshotId, caller.name()));
    }

    private static Response accepted(Job job) {
        return Response.accepted(JobView.of(job)).location(URI.create("/api/v1/jobs/" + job.id)).build();
    }
}
