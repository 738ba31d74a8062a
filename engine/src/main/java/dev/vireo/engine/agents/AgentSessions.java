package dev.vireo.engine.agents;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Which host's agent is connected on which websocket. One connection per host: a newer one replaces an older. */
@ApplicationScoped
public class AgentSessions {
    private final Map<UUID, WebSocketConnection> byHost = new ConcurrentHashMap<>();

    /** @return the connection this one replaced, if any */
    public Optional<WebSocketConnection> register(UUID hostId, WebSocketConnection connection) {
        return Optional.ofNullable(byHost.put(hostId, connection));
    }

    /** Forgets the connection only if it is still the current one for that host. */
    public boolean unregister(UUID hostId, WebSocketConnection connection) {
        return byHost.remove(hostId, connection);
    }

    public Optional<WebSocketConnection> connection(UUID hostId) {
        return Optional.ofNullable(byHost.get(hostId)).filter(WebSocketConnection::isOpen);
    }

    /**
     * The address the host's agent connected from: where the engine reaches that host (its VNC
     * displays, for consoles).
     */
    public Optional<String> address(UUID hostId) {
        return connection(hostId).map(c -> hostPart(c.handshakeRequest().remoteAddress()));
    }

    /** "10.0.0.2:51234" → "10.0.0.2"; "[::1]:51234" → "::1" */
    static String hostPart(String remote) {
        String host = remote.startsWith("[") ? remote.substring(1, remote.indexOf(']'))
                : remote.lastIndexOf(':') > 0 && remote.indexOf(':') == remote.lastIndexOf(':')
                ? remote.substring(0, remote.lastIndexOf(':')) : remote;
        return host;
    }

    public boolean isConnected(UUID hostId) {
        return connection(hostId).isPresent();
    }

    /**
     * Whether each host is connected, as one call: a cluster snapshot asks this for thousands of hosts per
     * placement batch, and one bean call per host showed in its profile.
     */
    public Predicate<UUID> connectedNow() {
        return hostId -> {
            WebSocketConnection c = byHost.get(hostId);
            return c != null && c.isOpen();
        };
    }
}
