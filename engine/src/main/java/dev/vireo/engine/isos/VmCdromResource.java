package dev.vireo.engine.isos;

import dev.vireo.engine.access.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** {@code GET /vms/{id}/cdrom} (what is in it), {@code PUT} {@code {"isoId"}} and {@code DELETE} (eject), while the VM is down. Administrators only. */
@Path("/api/v1/vms/{vmId}/cdrom")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class VmCdromResource {

    public record InsertIso(@NotNull UUID isoId) {
    }

    /** What is in the drive: {@code isoId} and {@code name} are null when it is empty. */
    public record CdromView(UUID isoId, String name) {
    }

    @Inject
    Isos isos;
    @Inject
    CurrentCaller caller;

    @GET
    public CdromView get(@PathParam("vmId") UUID vmId) {
        return isos.inDrive(vmId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response insert(@PathParam("vmId") UUID vmId, @NotNull InsertIso request) {
        isos.insert(vmId, request.isoId(), caller.name());
        return Response.noContent().build();
    }

    @DELETE
    public Response eject(@PathParam("vmId") UUID vmId) {
        isos.insert(vmId, null, caller.name());
        return Response.noContent().build();
    }
}
