package dev.vireo.engine.isos;

import dev.vireo.engine.access.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /isos}: the ISO images (uploads of format iso) for CD-ROMs. Administrators only. */
@Path("/api/v1/isos")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class IsoResource {

    @Inject
    Isos isos;

    @GET
    public List<Isos.IsoView> list() {
        return isos.list();
    }
}
