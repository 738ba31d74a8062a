package dev.vireo.ui.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which engine uploads the {@link UploadRelayServlet} may forward chunks to: the Images page begins an upload on
 * the engine and gets a random ticket for it, which its browser script sends with every chunk. A page on another
 * site cannot read the ticket, so it cannot make a signed-in administrator's browser push bytes into an upload
 * (the engine checks the person's token as well). Tickets last a day.
 */
@ApplicationScoped
public class UploadTickets {

    static final Duration LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String uploadId, long expiresAtMillis) {
    }

    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();

    public String issue(String uploadId) {
        long now = System.currentTimeMillis();
        tickets.values().removeIf(e -> e.expiresAtMillis() < now);
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String ticket = HexFormat.of().formatHex(random);
        tickets.put(ticket, new Entry(uploadId, now + LIFETIME.toMillis()));
        return ticket;
    }

    /** True when the ticket was issued for this upload and has not expired or been withdrawn. */
    public boolean allows(String ticket, String uploadId) {
        Entry e = ticket == null ? null : tickets.get(ticket);
        return e != null && e.uploadId().equals(uploadId) && e.expiresAtMillis() >= System.currentTimeMillis();
    }

    public void withdraw(String ticket) {
        if (ticket != null) {
            tickets.remove(ticket);
        }
    }
}
