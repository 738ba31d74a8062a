package dev.vireo.engine.console;

import dev.vireo.engine.access.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/v1/vms/{id}/console}: a one-time ticket for the VM's graphical console. The browser
 * opens the websocket at {@code path} (noVNC) within the ticket's lifetime and answers the display's
 * VNC authentication with {@code password}.
 */
@Path("/api/v1/vms/{id}/console")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConsoleResource {

    public record TicketView(String ticket, String path, String password, Instant expiresAt, UUID vmId,
                             String vmName) {
    }

    @Inject
    ConsoleTickets tickets;
    @Inject
    CurrentCaller caller;

    @POST
    public TicketView issue(@PathParam("id") UUID vmId) {
        ConsoleTicket t = tickets.issue(caller.get(), vmId);
        return new TicketView(t.id(), ConsoleProxy.PATH_PREFIX + t.id(), t.vncPassword(), t.expiresAt(), t.vmId(),
                t.vmName());
    }
}
