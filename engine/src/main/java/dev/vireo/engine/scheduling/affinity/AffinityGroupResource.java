package dev.vireo.engine.scheduling.affinity;

import dev.vireo.engine.access.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.vms.Vm;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Affinity groups of a cluster: VMs together or apart, VMs on or off a set of hosts; hard or soft. */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/clusters/{clusterId}/affinitygroups")
@Produces(MediaType.APPLICATION_JSON)
public class AffinityGroupResource {

    @Inject
    CurrentCaller caller;

    public record AffinityGroupView(UUID id, UUID clusterId, String name, Polarity vmPolarity, Polarity hostPolarity,
                                    boolean hard, Set<UUID> vmIds, Set<UUID> hostIds, OffsetDateTime createdAt) {
        static AffinityGroupView of(AffinityGroupEntity g) {
            return new AffinityGroupView(g.id, g.clusterId, g.name, g.vmPolarity, g.hostPolarity, g.hard,
                    Set.copyOf(g.vmIds), Set.copyOf(g.hostIds), g.createdAt);
        }
    }

    public record CreateAffinityGroup(
            @NotNull @Size(min = 1, max = 64)
            @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*", message = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'")
            String name,
            Polarity vmPolarity, Polarity hostPolarity, Boolean hard,
            @NotNull @Size(min = 1, max = 10_000) Set<UUID> vmIds,
            @Size(max = 10_000) Set<UUID> hostIds) {
    }

    @Inject
    EventLog events;

    @GET
    public List<AffinityGroupView> list(@PathParam("clusterId") UUID clusterId) {
        cluster(clusterId);
        return AffinityGroupEntity.<AffinityGroupEntity>list("clusterId", clusterId).stream()
                .map(AffinityGroupView::of).toList();
    }

    @GET
    @Path("{id}")
    public AffinityGroupView get(@PathParam("clusterId") UUID clusterId, @PathParam("id") UUID id) {
        return AffinityGroupView.of(find(clusterId, id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@PathParam("clusterId") UUID clusterId, @Valid @NotNull CreateAffinityGroup request) {
        Cluster cluster = cluster(clusterId);
        Polarity vmPolarity = request.vmPolarity() == null ? Polarity.NONE : request.vmPolarity();
        Polarity hostPolarity = request.hostPolarity() == null ? Polarity.NONE : request.hostPolarity();
        Set<UUID> hostIds = request.hostIds() == null ? Set.of() : request.hostIds();
        boolean hard = request.hard() == null || request.hard();
        if (vmPolarity == Polarity.NONE && hostPolarity == Polarity.NONE) {
            throw ApiException.invalid("an affinity group needs a vmPolarity or a hostPolarity");
        }
        if (hostPolarity != Polarity.NONE && hostIds.isEmpty()) {
            throw ApiException.invalid("hostPolarity " + hostPolarity + " needs hostIds");
        }
        if (hostPolarity == Polarity.NONE && !hostIds.isEmpty()) {
            throw ApiException.invalid("hostIds need a hostPolarity");
        }
        if (vmPolarity != Polarity.NONE && request.vmIds().size() < 2) {
            throw ApiException.invalid("VM-VM affinity needs at least two VMs");
        }
        long foreignVms = request.vmIds().isEmpty() ? 0
                : request.vmIds().size() - Vm.count("clusterId = ?1 and id in ?2", clusterId, request.vmIds());
        if (foreignVms > 0) {
            throw ApiException.invalid(foreignVms + " of vmIds are not VMs of cluster " + cluster.name);
        }
        long foreignHosts = hostIds.isEmpty() ? 0
                : hostIds.size() - Host.count("clusterId = ?1 and id in ?2", clusterId, hostIds);
        if (foreignHosts > 0) {
            throw ApiException.invalid(foreignHosts + " of hostIds are not hosts of cluster " + cluster.name);
        }
        if (AffinityGroupEntity.count("clusterId = ?1 and name = ?2", clusterId, request.name()) > 0) {
            throw ApiException.conflict("cluster " + cluster.name + " already has an affinity group '" + request.name() + "'");
        }
        if (hard) {
            checkContradictions(clusterId, request.name(), vmPolarity, hostPolarity, request.vmIds(), hostIds);
        }
        AffinityGroupEntity g = new AffinityGroupEntity();
        g.id = UUID.randomUUID();
        g.clusterId = clusterId;
        g.name = request.name();
        g.vmPolarity = vmPolarity;
        g.hostPolarity = hostPolarity;
        g.hard = hard;
        g.vmIds = new HashSet<>(request.vmIds());
        g.hostIds = new HashSet<>(hostIds);
        g.createdAt = OffsetDateTime.now();
        g.persist();
        events.info(caller.name(), "affinity.create", "cluster", clusterId, cluster.name,
                "affinity group '" + g.name + "' created (" + (hard ? "hard" : "soft") + ", VMs " + vmPolarity
                        + ", hosts " + hostPolarity + ", " + g.vmIds.size() + " VMs)");
        return Response.created(URI.create("/api/v1/clusters/" + clusterId + "/affinitygroups/" + g.id))
                .entity(AffinityGroupView.of(g)).build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("clusterId") UUID clusterId, @PathParam("id") UUID id) {
        AffinityGroupEntity g = find(clusterId, id);
        g.delete();
        events.info(caller.name(), "affinity.delete", "cluster", clusterId, null, "affinity group '" + g.name + "' deleted");
        return Response.noContent().build();
    }

    /**
     * Hard rules that no placement could ever satisfy are refused up front: two VMs that must be both
     * together and apart, or a VM pinned to hosts another hard group forbids it entirely.
     */
    private static void checkContradictions(UUID clusterId, String name, Polarity vmPolarity, Polarity hostPolarity,
                                            Set<UUID> vmIds, Set<UUID> hostIds) {
        for (AffinityGroupEntity other : AffinityGroupEntity.<AffinityGroupEntity>list("clusterId = ?1 and hard = true", clusterId)) {
            Set<UUID> shared = new HashSet<>(other.vmIds);
            shared.retainAll(vmIds);
            if (vmPolarity != Polarity.NONE && other.vmPolarity != Polarity.NONE && other.vmPolarity != vmPolarity
                    && shared.size() >= 2) {
                throw ApiException.conflict("hard group '" + name + "' (" + vmPolarity + ") contradicts hard group '"
                        + other.name + "' (" + other.vmPolarity + "): they share " + shared.size() + " VMs");
            }
            if (hostPolarity == Polarity.POSITIVE && other.hostPolarity != Polarity.NONE && !shared.isEmpty()) {
                Set<UUID> allowed = new HashSet<>(hostIds);
                if (other.hostPolarity == Polarity.POSITIVE) {
                    allowed.retainAll(other.hostIds);
                } else {
                    allowed.removeAll(other.hostIds);
                }
                if (allowed.isEmpty()) {
                    throw ApiException.conflict("hard group '" + name + "' pins VMs to hosts that hard group '"
                            + other.name + "' rules out: no host is left for them");
                }
            }
        }
    }

    private static Cluster cluster(UUID id) {
        Cluster c = Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        return c;
    }

    private static AffinityGroupEntity find(UUID clusterId, UUID id) {
        AffinityGroupEntity g = AffinityGroupEntity.findById(id);
        if (g == null || !g.clusterId.equals(clusterId)) {
            throw ApiException.notFound("affinity group", id);
        }
        return g;
    }
}
