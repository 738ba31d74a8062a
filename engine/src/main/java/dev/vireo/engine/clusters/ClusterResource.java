package dev.vireo.engine.clusters;

import dev.vireo.engine.access.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.events.EventLog;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    CurrentCaller caller;

    public record ClusterView(UUID id, String name, String description, OffsetDateTime createdAt) {
        static ClusterView of(Cluster c) {
            return new ClusterView(c.id, c.name, c.description, c.createdAt);
        }
    }

    public record CreateCluster(
            @NotNull @Size(min = 1, max = 64)
            @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*", message = "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' and '-'")
            String name,
            @Size(max = 1024) String description) {
    }

    @Inject
    EventLog events;

    @GET
    public Page<ClusterView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        var query = Cluster.<Cluster>findAll(Sort.ascending("name"));
        return new Page<>(query.range(off, off + lim - 1).list().stream().map(ClusterView::of).toList(),
                query.count(), off, lim);
    }

    @GET
    @Path("{id}")
    public ClusterView get(@PathParam("id") UUID id) {
        Cluster c = Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        return ClusterView.of(c);
    }

    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    @POST
    @Transactional
    public Response create(@Valid @NotNull CreateCluster request) {
        if (Cluster.count("name", request.name()) > 0) {
            throw ApiException.conflict("a cluster named '" + request.name() + "' already exists");
        }
        Cluster c = new Cluster();
        c.id = UUID.randomUUID();
        c.name = request.name();
        c.description = request.description();
        c.createdAt = OffsetDateTime.now();
        c.persist();
        events.info(caller.name(), "cluster.create", "cluster", c.id, c.name, "cluster created");
        return Response.created(URI.create("/api/v1/clusters/" + c.id)).entity(ClusterView.of(c)).build();
    }
}
