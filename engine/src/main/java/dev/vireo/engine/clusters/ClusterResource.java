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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    CurrentCaller caller;

    /** @param cpuModel the CPU type of its VMs that name none; null: the hypervisor's default */
    public record ClusterView(UUID id, String name, String description, OffsetDateTime createdAt, String cpuModel) {
        static ClusterView of(Cluster c) {
            return new ClusterView(c.id, c.name, c.description, c.createdAt, c.cpuModel);
        }
    }

    /**
     * {@code PUT /clusters/{id}/cpu}: the cluster's CPU type, as oVirt's cluster CPU: {@code host-model} or
     * {@code host-passthrough} on KVM hosts, {@code maximum} (all the hypervisor can give; on TCG this has
     * x86-64-v2 and v3) or a named model ({@code qemu64}, {@code Haswell-noTSX} …); null for the hypervisor's
     * default. Refused when no host of the cluster offers it; VMs take it at their next start.
     */
    public record CpuType(
            @Pattern(regexp = dev.vireo.engine.vms.CreateVmRequest.CPU_MODEL,
                    message = "must be a CPU model name (letters, digits, '-', '_', '.'; at most 64)")
            String cpuModel) {
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
    @PUT
    @Path("{id}/cpu")
    @Transactional
    public ClusterView setCpu(@PathParam("id") UUID id, @Valid @NotNull CpuType request) {
        Cluster c = Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        String model = request.cpuModel();
        if (model != null) {
            List<String> reported = dev.vireo.engine.hosts.Host.<dev.vireo.engine.hosts.Host>list("clusterId", id).stream()
                    .filter(h -> h.cpuModels != null).map(h -> h.cpuModels).toList();
            boolean offered = reported.isEmpty() || reported.stream()
                    .anyMatch(m -> dev.vireo.engine.hosts.Host.cpuModelSet(m).contains(model));
            if (!offered) {
                throw ApiException.conflict("no host of cluster " + c.name + " offers CPU model " + model
                        + "; its hosts' hypervisors list the models they can run (GET /hosts/{id}: cpuModels)");
            }
        }
        c.cpuModel = model;
        events.info(caller.name(), "cluster.cpu", "cluster", c.id, c.name, model == null
                ? "CPU type: the hypervisor's default" : "CPU type " + model + " (VMs take it at their next start)");
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
