package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;
import java.util.UUID;

/**
 * {@code GET/PUT /clusters/{id}/switchtype} ({"switchType":"legacy"|"ovs"}): how the cluster's hosts carry
 * networks. Takes effect with each host's next network setup and the next start of each VM.
 */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/clusters/{id}/switchtype")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchTypeResource {
    public record SwitchType(String switchType) {
    }

    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;

    @GET
    @Transactional
    public SwitchType get(@PathParam("id") UUID id) {
        return new SwitchType(find(id).switchType);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public SwitchType set(@PathParam("id") UUID id, SwitchType request) {
        if (request == null || !Set.of("legacy", "ovs").contains(request.switchType())) {
            throw ApiException.invalid("switchType is legacy (Linux bridge) or ovs (Open vSwitch)");
        }
        Cluster cluster = find(id);
        if (!request.switchType().equals(cluster.switchType)) {
            cluster.switchType = request.switchType();
            events.info(caller.name(), "cluster.switch-type", "cluster", cluster.id, cluster.name,
                    "switch type set to " + cluster.switchType);
        }
        return new SwitchType(cluster.switchType);
    }

    private static Cluster find(UUID id) {
        Cluster c = Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        return c;
    }
}
