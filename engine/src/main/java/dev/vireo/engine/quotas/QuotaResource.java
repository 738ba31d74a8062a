package dev.vireo.engine.quotas;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.PrincipalKind;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Quotas per user or group. Administrators only; people see their own through {@code /me}. */
@Path("/api/v1/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
public class QuotaResource {

    public record QuotaRequest(
            @NotNull @Size(min = 1, max = 64)
            @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*", message = "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' and '-'")
            String name,
            @NotNull PrincipalKind principalKind,
            @NotNull @Size(min = 1, max = 255) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
            String principal,
            @Min(0) @Max(1_000_000) Integer maxVcpus,
            @Min(0) @Max(1L << 40) Long maxMemoryMiB,
            @Min(0) @Max(1_000_000) Integer maxVms) {
    }

    @Inject
    QuotaGate gate;
    @Inject
    EventLog events;
    @Inject
    CurrentCaller caller;

    @GET
    @Transactional
    public List<QuotaUsage> list() {
        return Quota.<Quota>findAll(Sort.ascending("name")).list().stream().map(gate::usage).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    public QuotaUsage get(@PathParam("id") UUID id) {
        return gate.usage(find(id));
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull QuotaRequest request) {
        Quota q = new Quota();
        q.id = UUID.randomUUID();
        q.createdAt = OffsetDateTime.now();
        apply(q, request);
        try {
            q.persistAndFlush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("a quota named '" + request.name() + "' or one for "
                    + request.principalKind().name().toLowerCase() + " " + request.principal() + " already exists");
        }
        events.info(caller.name(), "quota.create", "quota", q.id, q.name, "quota set for "
                + q.principalKind.name().toLowerCase() + " " + q.principal + ": " + limits(q));
        return Response.created(URI.create("/api/v1/quotas/" + q.id)).entity(gate.usage(q)).build();
    }

    /** Lowering a limit below what is in use is allowed: nothing is stopped, new VMs are refused. */
    @PUT
    @Path("{id}")
    @Transactional
    public QuotaUsage update(@PathParam("id") UUID id, @Valid @NotNull QuotaRequest request) {
        Quota q = find(id);
        apply(q, request);
        try {
            q.persistAndFlush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("another quota has that name or principal");
        }
        events.info(caller.name(), "quota.update", "quota", q.id, q.name, "quota changed: " + limits(q));
        return gate.usage(q);
    }

    /** The quota's VMs stay; they simply count against nothing. */
    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") UUID id) {
        Quota q = find(id);
        Quota.getEntityManager().createQuery("update Vm v set v.quotaId = null where v.quotaId = :q")
                .setParameter("q", id).executeUpdate();
        q.delete();
        events.info(caller.name(), "quota.delete", "quota", id, q.name, "quota removed");
        return Response.noContent().build();
    }

    private static Quota find(UUID id) {
        Quota q = Quota.findById(id);
        if (q == null) {
            throw ApiException.notFound("quota", id);
        }
        return q;
    }

    private static void apply(Quota q, QuotaRequest r) {
        q.name = r.name();
        q.principalKind = r.principalKind();
        q.principal = r.principal();
        q.maxVcpus = r.maxVcpus();
        q.maxMemoryMiB = r.maxMemoryMiB();
        q.maxVms = r.maxVms();
    }

    private static String limits(Quota q) {
        return (q.maxVcpus == null ? "any" : q.maxVcpus) + " vCPUs, "
                + (q.maxMemoryMiB == null ? "any" : q.maxMemoryMiB) + " MiB, "
                + (q.maxVms == null ? "any" : q.maxVms) + " VMs";
    }
}
