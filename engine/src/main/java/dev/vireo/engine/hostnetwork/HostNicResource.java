package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.hosts.Host;
import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** {@code GET /hosts/{id}/nics}: the host's NICs, bonds and bridges as its agent last reported them. */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/hosts/{id}/nics")
@Produces(MediaType.APPLICATION_JSON)
public class HostNicResource {

    @GET
    @Transactional
    public List<HostNicView> list(@PathParam("id") UUID id) {
        Host host = find(id);
        return host.nics == null ? List.of() : Json.readList(host.nics, HostNic.class).stream().map(HostNicView::of).toList();
    }

    static Host find(UUID id) {
        Host host = Host.findById(id);
        if (host == null) {
            throw ApiException.notFound("host", id);
        }
        return host;
    }
}
