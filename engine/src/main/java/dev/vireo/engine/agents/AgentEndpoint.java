package dev.vireo.engine.agents;

import dev.vireo.engine.reconcile.AgentReports;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.Json;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The websocket host agents dial. {@link AgentUpgradeCheck} has already authenticated the agent; this
 * class only routes frames: replies to {@link AgentCommands}, reports to {@link AgentReports}.
 * Text handlers return void, so Quarkus runs them on a worker thread where database work is allowed.
 */
@WebSocket(path = "/api/v1/agent/connect", endpointId = AgentEndpoint.ID)
public class AgentEndpoint {
    static final String ID = "vireo-agent";
    private static final Logger LOG = Logger.getLogger(AgentEndpoint.class);

    @Inject
    AgentSessions sessions;
    @Inject
    AgentCommands commands;
    @Inject
    AgentReports reports;
    @Inject
    dev.vireo.engine.guest.GuestReports guests;

    @OnOpen
    void open(WebSocketConnection connection) {
        UUID hostId = hostId(connection);
        sessions.register(hostId, connection).ifPresent(old -> {
            LOG.infof("host %s connected again; closing its previous connection", hostId);
            old.close().subscribe().with(x -> { }, e -> { });
        });
        LOG.infof("agent of host %s connected from %s", hostId, connection.handshakeRequest().remoteAddress());
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        UUID hostId = hostId(connection);
        AgentMessage message;
        try {
            message = Json.read(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("host %s sent a frame the engine cannot read: %s", hostId, e.getMessage());
            return;
        }
        if (message instanceof AgentMessage.Reply reply) {
            commands.complete(reply);
        } else if (message instanceof AgentMessage.Hello hello) {
            reports.hello(hostId, hello.facts());
        } else if (message instanceof AgentMessage.Heartbeat beat) {
            reports.heartbeat(hostId, beat);
        } else if (message instanceof AgentMessage.StateReport report) {
            reports.stateReport(hostId, report.domains(), report.sentAtMillis());
        } else if (message instanceof AgentMessage.Progress progress) {
            commands.progress(progress);
        } else if (message instanceof AgentMessage.HostNics nics) {
            reports.hostNics(hostId, nics.nics());
        } else if (message instanceof AgentMessage.NetworkRollback rollback) {
            reports.networkRollback(hostId, rollback);
        } else if (message instanceof AgentMessage.GuestReport guest && guest.guest() != null) {
            guests.store(hostId, guest.guest());
        } else if (message instanceof AgentMessage.Lifecycle event) {
            reports.lifecycle(hostId, event);
        } else {
            LOG.warnf("host %s sent an unexpected %s frame; ignored", hostId, message.getClass().getSimpleName());
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        UUID hostId = hostId(connection);
        if (sessions.unregister(hostId, connection)) {
            commands.failAll(hostId);
            LOG.infof("agent of host %s disconnected", hostId);
        }
    }

    @OnError
    void error(WebSocketConnection connection, Throwable error) {
        LOG.warnf("agent connection of host %s failed: %s", hostId(connection), error.getMessage());
    }

    /** Parsed from the header the upgrade check already verified. */
    private static UUID hostId(WebSocketConnection connection) {
        String header = connection.handshakeRequest().header("Authorization");
        String token = header.substring("Bearer ".length()).trim();
        return UUID.fromString(token.substring(0, token.indexOf(':')));
    }
}
