package dev.vireo.engine.agents;

import dev.vireo.engine.hosts.Credentials;
import dev.vireo.engine.hosts.Host;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Lets an agent's websocket open only with a valid {@code Authorization: Bearer <hostId>:<secret>}; anything
 * else is refused with 401 before the upgrade, so the agent knows to enrol again.
 */
@ApplicationScoped
public class AgentUpgradeCheck implements HttpUpgradeCheck {
    static final UserData.TypedKey<String> HOST_ID = UserData.TypedKey.forString("vireo.hostId");

    @Override
    public boolean appliesTo(String endpointId) {
        return AgentEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String header = context.httpRequest().getHeader("Authorization");
        return Uni.createFrom().item(() -> authenticate(header))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(hostId -> {
                    if (hostId == null) {
                        return CheckResult.rejectUpgradeSync(401);
                    }
                    context.userData().put(HOST_ID, hostId.toString());
                    return CheckResult.permitUpgradeSync();
                });
    }

    private static UUID authenticate(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = header.substring("Bearer ".length()).trim().split(":", 2);
        if (parts.length != 2) {
            return null;
        }
        UUID hostId;
        try {
            hostId = UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String hash = QuarkusTransaction.requiringNew().call(() -> {
            Host host = Host.findById(hostId);
            return host == null ? null : host.credentialHash;
        });
        return Credentials.matches(parts[1], hash) ? hostId : null;
    }
}
