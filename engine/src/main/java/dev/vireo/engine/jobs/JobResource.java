package dev.vireo.engine.jobs;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import io.quarkus.panache.common.Sort;
import dev.vireo.engine.api.Actors;
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

    @GET
    public Page<JobView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        var query = Job.<Job>findAll(Sort.descending("createdAt"));
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
        Job job = Job.findById(id);
        if (job == null) {
            throw ApiException.notFound("job", id);
        }
        migrations.cancel(job, Actors.API);
        return JobView.of(Job.findById(id));
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") UUID id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw ApiException.notFound("job", id);
        }
        return JobView.of(job);
    }
}
