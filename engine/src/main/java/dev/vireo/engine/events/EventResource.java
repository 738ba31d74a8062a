package dev.vireo.engine.events;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import jakarta.inject.Inject;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    CurrentCaller caller;
    @Inject
    VmAccess access;

    /**
     * Newest first; {@code objectId} narrows to one VM, host or cluster. Administrators read everything;
     * everyone else only the events of a VM they may use.
     */
    @GET
    public Page<EventView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
                                @QueryParam("objectId") UUID objectId) {
        if (!caller.get().admin()) {
            if (objectId == null) {
                throw new ApiException(403, "Forbidden", "only administrators read the whole event log; ask for one VM's events with objectId");
            }
            access.require(caller.get(), objectId, Role.USER);
        }
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        var query = objectId == null
                ? AuditEvent.<AuditEvent>findAll(Sort.descending("id"))
                : AuditEvent.<AuditEvent>find("objectId = :id", Sort.descending("id"), Parameters.with("id", objectId));
        var items = query.range(off, off + lim - 1).list().stream().map(EventView::of).toList();
        return new Page<>(items, query.count(), off, lim);
    }
}
