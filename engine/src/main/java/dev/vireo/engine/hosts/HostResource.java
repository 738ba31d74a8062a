package dev.vireo.engine.hosts;

import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
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

@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    EventLog events;
    @Inject
    AgentSessions sessions;

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

    /** No new VMs land on a host in maintenance. Evacuation by live migration arrives with the migration work. */
    @POST
    @Path("{id}/maintenance")
    @Transactional
    public HostView maintenance(@PathParam("id") UUID id) {
        Host h = Host.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("host", id);
        }
        long active = Vm.count("hostId = ?1 and status <> ?2", id, VmStatus.DOWN);
        if (active > 0) {
            throw ApiException.conflict("host " + h.name + " still runs " + active
                    + " VM(s); stop or move them first (evacuation by live migration is not available yet)");
        }
        if (h.status != HostStatus.MAINTENANCE) {
            h.status = HostStatus.MAINTENANCE;
            events.info(Actors.API, "host.maintenance", "host", h.id, h.name, "host put into maintenance");
        }
        return HostView.of(h, 0, sessions.isConnected(id));
    }

    @POST
    @Path("{id}/activate")
    @Transactional
    public HostView activate(@PathParam("id") UUID id) {
        Host h = Host.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("host", id);
        }
        if (h.status == HostStatus.MAINTENANCE) {
            h.status = sessions.isConnected(id) ? HostStatus.UP : HostStatus.NON_RESPONSIVE;
            events.info(Actors.API, "host.activate", "host", h.id, h.name, "host activated; it is " + h.status);
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
