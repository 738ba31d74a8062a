package dev.vireo.engine.console;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser's console websocket (noVNC), proxied byte for byte to the VM's VNC display on its host.
 * A ticket in the path admits it: redeemed in the upgrade check, so a used, unknown or expired ticket is
 * refused with 403 before any websocket exists.
 */
@WebSocket(path = "/api/v1/consoles/{ticket}", endpointId = ConsoleProxy.ID)
public class ConsoleProxy {
    static final String ID = "vireo-console";
    static final String PATH_PREFIX = "/api/v1/consoles/";
    private static final Logger LOG = Logger.getLogger(ConsoleProxy.class);
    private static final UserData.TypedKey<ConsoleTicket> TICKET = new UserData.TypedKey<>("vireo.console-ticket");

    @Inject
    Vertx vertx;

    private final Map<String, NetSocket> displays = new ConcurrentHashMap<>();
    private volatile NetClient client;

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        ConsoleTicket ticket = connection.userData().get(TICKET);
        return Uni.createFrom().completionStage(netClient().connect(ticket.port(), ticket.hostAddress()).toCompletionStage())
                .onItem().transformToUni(display -> {
                    displays.put(connection.id(), display);
                    display.handler(bytes -> connection.sendBinary(bytes).subscribe().with(x -> { },
                            e -> display.close()));
                    display.closeHandler(v -> {
                        displays.remove(connection.id());
                        connection.close(new CloseReason(1000, "the display closed (the VM stopped or moved)"))
                                .subscribe().with(x -> { }, e -> { });
                    });
                    LOG.infof("console of VM %s opened by %s (display %s:%d)", ticket.vmName(), ticket.issuedTo(),
                            ticket.hostAddress(), ticket.port());
                    return Uni.createFrom().voidItem();
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("console of VM %s: cannot reach the display at %s:%d: %s", ticket.vmName(),
                            ticket.hostAddress(), ticket.port(), e.getMessage());
                    return connection.close(new CloseReason(1011, "cannot reach the VM's display"));
                });
    }

    @OnBinaryMessage
    void fromBrowser(WebSocketConnection connection, Buffer bytes) {
        NetSocket display = displays.get(connection.id());
        if (display != null) {
            display.write(bytes);
        }
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        NetSocket display = displays.remove(connection.id());
        if (display != null) {
            display.close();
        }
    }

    private NetClient netClient() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
                }
            }
        }
        return client;
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /** Redeems the ticket named in the path before the upgrade; without a good one, 403. */
    @ApplicationScoped
    public static class TicketCheck implements HttpUpgradeCheck {
        @Inject
        ConsoleTickets tickets;

        @Override
        public boolean appliesTo(String endpointId) {
            return ID.equals(endpointId);
        }

        @Override
        public Uni<CheckResult> perform(HttpUpgradeContext context) {
            String path = context.httpRequest().path();
            String id = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : null;
            return Uni.createFrom().item(() -> tickets.redeem(id)
                    .map(ticket -> {
                        context.userData().put(TICKET, ticket);
                        return CheckResult.permitUpgradeSync();
                    })
                    .orElseGet(() -> CheckResult.rejectUpgradeSync(403)));
        }
    }
}
