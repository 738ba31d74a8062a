package dev.vireo.engine.hosts;

import dev.vireo.engine.access.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.panache.common.Sort;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    CurrentCaller caller;

    @Inject
    EventLog events;
    @Inject
    AgentSessions sessions;
    @Inject
    Evacuation evacuation;

    @GET
    public Page<HostView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        var query = Host.<Host>findAll(Sort.ascending("name"));
        List<Host> hosts = query.range(off, off + lim - 1).list();
        Map<UUID, Long> running = runningVmsPerHost();
        return new Page<>(hosts.stream()
                .map(h -> HostView.of(h, running.getOrDefault(h.id, 0L), sessions.isConnected(h.id)))
                .toList(), query.count(), off, lim);
    }

    @GET
    @Path("{id}")
    public HostView get(@PathParam("id") UUID id) {
        Host h = find(id);
        return HostView.of(h, runningVmsPerHost().getOrDefault(id, 0L), sessions.isConnected(id));
    }

    /**
     * No new VMs land on a host in maintenance. An empty host goes straight to MAINTENANCE (200 + host); one
     * with VMs is evacuated by live migration first (202 + the evacuation job), or refused with the VMs that
     * cannot move.
     */
    @POST
    @Path("{id}/maintenance")
    public Response maintenance(@PathParam("id") UUID id) {
        boolean empty = QuarkusTransaction.requiringNew().call(() -> {
            Host h = Host.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (h == null) {
                throw ApiException.notFound("host", id);
            }
            if (h.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
                throw ApiException.conflict("host " + h.name + " is already being evacuated");
            }
            if (Vm.count("hostId = ?1 and status <> ?2", id, VmStatus.DOWN) > 0) {
                return false;
            }
            if (h.status != HostStatus.MAINTENANCE) {
                h.status = HostStatus.MAINTENANCE;
                events.info(caller.name(), "host.maintenance", "host", h.id, h.name, "host put into maintenance");
            }
            return true;
        });
        if (empty) {
            return Response.ok(get(id)).build();
        }
        Job job = evacuation.begin(id, caller.name());
        return Response.accepted(JobView.of(job)).location(java.net.URI.create("/api/v1/jobs/" + job.id)).build();
    }

    @POST
    @Path("{id}/activate")
    @Transactional
    public HostView activate(@PathParam("id") UUID id) {
        Host h = Host.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("host", id);
        }
        if (h.status == HostStatus.MAINTENANCE || h.status == HostStatus.PREPARING_FOR_MAINTENANCE) {
            h.status = sessions.isConnected(id) ? HostStatus.UP : HostStatus.NON_RESPONSIVE;
            events.info(caller.name(), "host.activate", "host", h.id, h.name, "host activated; it is " + h.status);
        }
        return HostView.of(h, runningVmsPerHost().getOrDefault(id, 0L), sessions.isConnected(id));
    }

    private static Host find(UUID id) {
        Host h = Host.findById(id);
        if (h == null) {
            throw ApiException.notFound("host", id);
        }
        return h;
    }

    private static Map<UUID, Long> runningVmsPerHost() {
        Map<UUID, Long> counts = new HashMap<>();
        List<Object[]> rows = Vm.getEntityManager()
                .createQuery("select v.hostId, count(v) from Vm v where v.hostId is not null and v.status <> :down group by v.hostId", Object[].class)
                .setParameter("down", VmStatus.DOWN)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], (Long) row[1]);
        }
        return counts;
    }
}
