package dev.vireo.engine.console;

import java.time.Instant;
import java.util.UUID;

/**
 * Leave to open one console connection: issued to one person for one VM, redeemed once, before
 * {@code expiresAt}. The engine proxies the connection to {@code hostAddress:port}; the browser answers
 * the display's VNC authentication with {@code vncPassword}, which the display accepts until expiry.
 */
record ConsoleTicket(String id, UUID vmId, String vmName, String issuedTo, UUID hostId, String hostAddress,
                     int port, String vncPassword, Instant expiresAt) {

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
