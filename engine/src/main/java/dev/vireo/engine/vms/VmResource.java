package dev.vireo.engine.vms;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobView;
import dev.vireo.engine.vms.actions.DirectVmAction;
import dev.vireo.engine.vms.actions.DirectVmActions;
import dev.vireo.engine.vms.actions.MigrateVm;
import dev.vireo.engine.vms.actions.ShutdownVm;
import dev.vireo.engine.vms.actions.StartVm;
import io.smallrye.common.annotation.Blocking;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * VMs: CRUD, power actions (each answered 202 with the job that carries it out) and console output.
 * Everyone sees only the VMs they may use ({@link VmAccess}); a VM they may not see answers 404.
 */
@Path("/api/v1/vms")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class VmResource {

    @Inject
    VmCatalog catalog;
    @Inject
    StartVm start;
    @Inject
    ShutdownVm shutdown;
    @Inject
    DirectVmActions direct;
    @Inject
    SerialConsoleLog consoleLog;
    @Inject
    MigrateVm migrate;
    @Inject
    ObjectMapper json;
    @Inject
    CurrentCaller caller;
    @Inject
    dev.vireo.engine.templates.VmFromTemplate fromTemplate;
    @Inject
    VmAccess access;
    @Inject
    BootTrust bootTrust;

    /** {@code POST /vms/{id}/migrate}: optional {@code {"hostId": …}}; without it the scheduler chooses. */
    public record MigrateRequest(UUID hostId) {
    }

    @GET
    public Page<VmView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
                             @QueryParam("sort") String sort, @QueryParam("dir") String dir,
                             @QueryParam("q") String q, @QueryParam("status") VmStatus status,
                             @QueryParam("hostId") UUID hostId) {
        return catalog.list(caller.get(), offset, limit, sort, dir, q, status, hostId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateVmRequest request) {
        if (request.cloudInit() != null) {
            dev.vireo.engine.cloudinit.CloudInitChecks.check(request.cloudInit());   // before any volume is made
        }
        VmView vm = request.templateId() != null ? fromTemplate.create(request, caller.get())
                : catalog.create(request, caller.get());
        return Response.created(URI.create("/api/v1/vms/" + vm.id())).entity(vm).build();
    }

    @GET
    @Path("{id}")
    public VmView get(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return catalog.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.ADMIN);
        catalog.delete(id, caller.name());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        bootTrust.require(caller.get(), id);
        return accepted(start.begin(id, caller.name()));
    }

    /**
     * Starts many VMs in one request ({@link BulkStart}): answers 200 with one outcome per VM, in the order
     * given; the caller needs the USER role on each VM, checked VM by VM like the single start.
     */
    @POST
    @Path("start")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkStart.Response startMany(@Valid @NotNull BulkStart.Request request) {
        List<UUID> requested = request.vmIds();
        if (new HashSet<>(requested).size() != requested.size()) {
            throw ApiException.invalid("a VM is named twice in vmIds");
        }
        Map<UUID, BulkStart.Outcome> refusedEarly = new HashMap<>();
        List<UUID> allowed = new ArrayList<>();
        // one permission check for all of them, not a transaction per VM
        Map<UUID, ApiException> refusals = new HashMap<>(access.refusals(caller.get(), requested, Role.USER));
        bootTrust.refusals(caller.get(), requested).forEach(refusals::putIfAbsent);
        for (UUID id : requested) {
            if (refusals.containsKey(id)) {
                refusedEarly.put(id, BulkStart.Outcome.refused(id, refusals.get(id)));
            } else {
                allowed.add(id);
            }
        }
        List<Object> started = allowed.isEmpty() ? List.of() : start.beginAll(allowed, caller.name());
        return BulkStart.Response.of(BulkStart.merge(requested, refusedEarly, allowed, started));
    }

    /** ACPI shutdown; powered off if the guest has not stopped after {@code timeout} seconds. */
    @POST
    @Path("{id}/shutdown")
    public Response shutdown(@PathParam("id") UUID id, @QueryParam("timeout") Integer timeoutSeconds) {
        access.require(caller.get(), id, Role.USER);
        return accepted(shutdown.begin(id, timeoutSeconds, caller.name()));
    }

    @POST
    @Path("{id}/poweroff")
    public Response poweroff(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return accepted(direct.begin(DirectVmAction.POWEROFF, id, caller.name()));
    }

    @POST
    @Path("{id}/reboot")
    public Response reboot(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return accepted(direct.begin(DirectVmAction.REBOOT, id, caller.name()));
    }

    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return accepted(direct.begin(DirectVmAction.PAUSE, id, caller.name()));
    }

    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return accepted(direct.begin(DirectVmAction.RESUME, id, caller.name()));
    }

    /** The body is optional, so any content type (or none) is accepted and JSON is read only when present. */
    /** Saves memory and state to disk and stops the VM; its next start resumes it (on any host). */
    @POST
    @Path("{id}/save")
    public Response save(@PathParam("id") UUID id) {
        access.require(caller.get(), id, Role.USER);
        return accepted(direct.begin(DirectVmAction.SAVE, id, caller.name()));
    }

    /** Migration moves VMs between hosts, which only administrators see. */
    @POST
    @Path("{id}/migrate")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    @Consumes(MediaType.WILDCARD)
    public Response migrate(@PathParam("id") UUID id, String body) throws JsonProcessingException {
        MigrateRequest request = body == null || body.isBlank() ? null : json.readValue(body, MigrateRequest.class);
        return accepted(migrate.begin(id, request == null ? null : request.hostId(), caller.name()));
    }

    @GET
    @Path("{id}/console-log")
    @Produces(MediaType.TEXT_PLAIN)
    public String consoleLog(@PathParam("id") UUID id, @QueryParam("bytes") Integer bytes) {
        access.require(caller.get(), id, Role.USER);
        return consoleLog.tail(id, bytes);
    }

    private static Response accepted(Job job) {
        return Response.accepted(JobView.of(job)).location(URI.create("/api/v1/jobs/" + job.id)).build();
    }
}
