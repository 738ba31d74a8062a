package dev.vireo.engine.vms;

import dev.vireo.engine.api.Actors;
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
import java.util.UUID;

/** VMs: CRUD, power actions (each answered 202 with the job that carries it out) and console output. */
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

    /** {@code POST /vms/{id}/migrate}: optional {@code {"hostId": …}}; without it the scheduler chooses. */
    public record MigrateRequest(UUID hostId) {
    }

    @GET
    public Page<VmView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
                             @QueryParam("sort") String sort, @QueryParam("dir") String dir,
                             @QueryParam("q") String q, @QueryParam("status") VmStatus status) {
        return catalog.list(offset, limit, sort, dir, q, status);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateVmRequest request) {
        VmView vm = catalog.create(request, Actors.API);
        return Response.created(URI.create("/api/v1/vms/" + vm.id())).entity(vm).build();
    }

    @GET
    @Path("{id}")
    public VmView get(@PathParam("id") UUID id) {
        return catalog.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        catalog.delete(id, Actors.API);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") UUID id) {
        return accepted(start.begin(id, Actors.API));
    }

    /** ACPI shutdown; powered off if the guest has not stopped after {@code timeout} seconds. */
    @POST
    @Path("{id}/shutdown")
    public Response shutdown(@PathParam("id") UUID id, @QueryParam("timeout") Integer timeoutSeconds) {
        return accepted(shutdown.begin(id, timeoutSeconds, Actors.API));
    }

    @POST
    @Path("{id}/poweroff")
    public Response poweroff(@PathParam("id") UUID id) {
        return accepted(direct.begin(DirectVmAction.POWEROFF, id, Actors.API));
    }

    @POST
    @Path("{id}/reboot")
    public Response reboot(@PathParam("id") UUID id) {
        return accepted(direct.begin(DirectVmAction.REBOOT, id, Actors.API));
    }

    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") UUID id) {
        return accepted(direct.begin(DirectVmAction.PAUSE, id, Actors.API));
    }

    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") UUID id) {
        return accepted(direct.begin(DirectVmAction.RESUME, id, Actors.API));
    }

    /** The body is optional, so any content type (or none) is accepted and JSON is read only when present. */
    @POST
    @Path("{id}/migrate")
    @Consumes(MediaType.WILDCARD)
    public Response migrate(@PathParam("id") UUID id, String body) throws JsonProcessingException {
        MigrateRequest request = body == null || body.isBlank() ? null : json.readValue(body, MigrateRequest.class);
        return accepted(migrate.begin(id, request == null ? null : request.hostId(), Actors.API));
    }

    @GET
    @Path("{id}/console-log")
    @Produces(MediaType.TEXT_PLAIN)
    public String consoleLog(@PathParam("id") UUID id, @QueryParam("bytes") Integer bytes) {
        return consoleLog.tail(id, bytes);
    }

    private static Response accepted(Job job) {
        return Response.accepted(JobView.of(job)).location(URI.create("/api/v1/jobs/" + job.id)).build();
    }
}
