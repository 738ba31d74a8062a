package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * {@code POST /api/v1/vms/{id}/console}: leave to open the VM's console once, before {@code expiresAt}:
 * the websocket at {@code path} on the engine, answered with the display's one-time {@code password}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsoleTicket(String ticket, String path, String password, OffsetDateTime expiresAt, String vmId,
                            String vmName) {
}
