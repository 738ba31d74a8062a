package dev.vireo.engine.access;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Grants and revokes roles on the system, clusters and VMs. Administrators only. */
@Path("/api/v1/permissions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
public class PermissionResource {

    public record PermissionView(UUID id, PrincipalKind principalKind, String principal, Role role,
                                 ObjectKind objectKind, UUID objectId, OffsetDateTime createdAt, String createdBy) {
        static PermissionView of(Permission p) {
            return new PermissionView(p.id, p.principalKind, p.principal, p.role, p.objectKind, p.objectId,
                    p.createdAt, p.createdBy);
        }
    }

    public record Grant(
            @NotNull PrincipalKind principalKind,
            @NotNull @Size(min = 1, max = 255) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
            String principal,
            @NotNull Role role,
            @NotNull ObjectKind objectKind,
            UUID objectId) {
    }

    @Inject
    EventLog events;
    @Inject
    CurrentCaller caller;

    /** All grants, or those on one object ({@code objectId}) or for one principal. */
    @GET
    public List<PermissionView> list(@QueryParam("objectId") UUID objectId, @QueryParam("principal") String principal) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (objectId != null) {
            where.append(" and objectId = :object");
            params.and("object", objectId);
        }
        if (principal != null) {
            where.append(" and principal = :principal");
            params.and("principal", principal);
        }
        return Permission.<Permission>find(where.toString(), Sort.ascending("createdAt", "id"), params)
                .range(0, 999).stream().map(PermissionView::of).toList();
    }

    @POST
    @Transactional
    public Response grant(@Valid @NotNull Grant grant) {
        String objectName = objectName(grant.objectKind(), grant.objectId());
        if (Permission.count("principalKind = ?1 and principal = ?2 and role = ?3 and objectKind = ?4 and "
                        + (grant.objectId() == null ? "objectId is null" : "objectId = ?5"),
                grant.objectId() == null
                        ? new Object[] {grant.principalKind(), grant.principal(), grant.role(), grant.objectKind()}
                        : new Object[] {grant.principalKind(), grant.principal(), grant.role(), grant.objectKind(), grant.objectId()}) > 0) {
            throw ApiException.conflict(grant.principal() + " already holds " + grant.role() + " on " + objectName);
        }
        Permission p = new Permission();
        p.id = UUID.randomUUID();
        p.principalKind = grant.principalKind();
        p.principal = grant.principal();
        p.role = grant.role();
        p.objectKind = grant.objectKind();
        p.objectId = grant.objectId();
        p.createdAt = OffsetDateTime.now();
        p.createdBy = caller.name();
        try {
            p.persistAndFlush();
        } catch (PersistenceException e) {
            throw ApiException.conflict(grant.principal() + " already holds " + grant.role() + " on " + objectName);
        }
        events.info(caller.name(), "permission.grant", grant.objectKind().name().toLowerCase(), grant.objectId(), objectName,
                grant.role() + " granted to " + grant.principalKind().name().toLowerCase() + " " + grant.principal());
        return Response.created(URI.create("/api/v1/permissions/" + p.id)).entity(PermissionView.of(p)).build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response revoke(@PathParam("id") UUID id) {
        Permission p = Permission.findById(id);
        if (p == null) {
            throw ApiException.notFound("permission", id);
        }
        p.delete();
        events.info(caller.name(), "permission.revoke", p.objectKind.name().toLowerCase(), p.objectId,
                objectName(p.objectKind, p.objectId),
                p.role + " revoked from " + p.principalKind.name().toLowerCase() + " " + p.principal);
        return Response.noContent().build();
    }

    private static String objectName(ObjectKind kind, UUID id) {
        if (kind == ObjectKind.SYSTEM) {
            if (id != null) {
                throw ApiException.invalid("a SYSTEM permission has no objectId");
            }
            return "the system";
        }
        if (id == null) {
            throw ApiException.invalid("a " + kind + " permission needs the objectId of that " + kind.name().toLowerCase());
        }
        if (kind == ObjectKind.CLUSTER) {
            Cluster c = Cluster.findById(id);
            if (c == null) {
                throw ApiException.invalid("cluster " + id + " does not exist");
            }
            return c.name;
        }
        Vm vm = Vm.findById(id);
        if (vm == null) {
            throw ApiException.invalid("VM " + id + " does not exist");
        }
        return vm.name;
    }
}
