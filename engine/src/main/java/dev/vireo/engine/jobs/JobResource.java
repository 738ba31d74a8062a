package dev.vireo.engine.jobs;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Caller;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import io.quarkus.panache.common.Sort;
import dev.vireo.engine.vms.actions.MigrateVm;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    CurrentCaller caller;

    @Inject
    VmAccess access;

    /** Newest first: every job for administrators, one's own jobs for everyone else. */
    @GET
    public Page<JobView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        Caller me = caller.get();
        var query = me.admin() ? Job.<Job>findAll(Sort.descending("createdAt"))
                : Job.<Job>find("actor", Sort.descending("createdAt"), me.name());
        return new Page<>(query.range(off, off + lim - 1).list().stream().map(JobView::of).toList(),
                query.count(), off, lim);
    }

    @Inject
    MigrateVm migrations;

    /** Cancels a running job; migrations can be cancelled (the guest stays on its source). */
    @POST
    @Path("{id}/cancel")
    @Blocking
    public JobView cancel(@PathParam("id") UUID id) {
        Job job = visible(id);
        if (!caller.get().admin() && !caller.name().equals(job.actor)) {
            throw new ApiException(403, "Forbidden", "only an administrator or whoever started a job may cancel it");
        }
        migrations.cancel(job, caller.name());
        return JobView.of(Job.findById(id));
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") UUID id) {
        return JobView.of(visible(id));
    }

    /** A job is visible to administrators, to whoever started it and to those who may use its VM. */
    private Job visible(UUID id) {
        Job job = Job.findById(id);
        Caller me = caller.get();
        if (job == null || me.admin() || me.name().equals(job.actor)) {
            if (job == null) {
                throw ApiException.notFound("job", id);
            }
            return job;
        }
        Vm vm = job.vmId == null ? null : Vm.findById(job.vmId);
        if (vm == null || !access.canSee(me, vm)) {
            throw ApiException.notFound("job", id);
        }
        return job;
    }
}
