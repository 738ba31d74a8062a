package dev.vireo.engine.storage;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * A VM's disks: list (by guest device: vda, the boot disk, first), attach and detach — while the VM is down,
 * or hot-plugged while it runs (see {@link VmDisks}). A disk belongs to at most one VM.
 */
@Path("/api/v1/vms/{vmId}/disks")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class VmDiskResource {

    public record Attach(@NotNull UUID diskId) {
    }

    @Inject
    VmAccess access;
    @Inject
    CurrentCaller caller;
    @Inject
    VmDisks disks;

    @GET
    public List<DiskView> list(@PathParam("vmId") UUID vmId) {
        access.require(caller.get(), vmId, Role.USER);
        return disks.list(vmId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public DiskView attach(@PathParam("vmId") UUID vmId, @NotNull Attach request) {
        return disks.attach(vmId, request.diskId(), caller.name());
    }

    @DELETE
    @Path("{diskId}")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response detach(@PathParam("vmId") UUID vmId, @PathParam("diskId") UUID diskId) {
        disks.detach(vmId, diskId, caller.name());
        return Response.noContent().build();
    }
}
