package dev.vireo.engine.storage;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out volume work on a host that sees the storage domain: on a shared domain every UP, connected host
 * does; a volume on a non-shared domain only its own host ({@link Disk#hostId}). Waits for the agent's answer
 * and turns failures into 4xx problems.
 */
@ApplicationScoped
public class VolumeOps {
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);

    @Inject
    AgentCommands commands;
    @Inject
    AgentSessions sessions;

    /** The agent's figures (virtual_size_bytes, actual_size_bytes …). */
    public Map<String, Long> run(CommandAction action, UUID diskId, VolumeSpec spec) {
        return runOn(null, action, diskId, spec);
    }

    /** On that host (the one holding a volume on a non-shared domain), or on any when null. */
    public Map<String, Long> runOn(UUID host, CommandAction action, UUID diskId, VolumeSpec spec) {
        UUID hostId = host == null ? anyHost() : reachable(host);
        Duration timeout = action == CommandAction.COPY_VOLUME ? COPY_TIMEOUT : Duration.ofSeconds(60);
        try {
            AgentMessage.Reply reply = commands.send(hostId, action, diskId, spec, timeout)
                    .get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
            if (!reply.ok()) {
                throw "invalid".equals(reply.errorKind()) ? ApiException.invalid(reply.error())
                        : ApiException.conflict(reply.error());
            }
            return reply.figures() == null ? Map.of() : reply.figures();
        } catch (AgentUnavailableException e) {
            throw ApiException.conflict("the host chosen for the disk work went away: " + e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.conflict(action + " failed: " + AgentCommands.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

    /** The host itself, when it can do disk work now: a volume on a non-shared domain is nowhere else. */
    private UUID reachable(UUID hostId) {
        Host host = QuarkusTransaction.requiringNew().call(() -> Host.findById(hostId));
        if (host == null || host.status != HostStatus.UP || !sessions.isConnected(hostId)) {
            throw ApiException.conflict("the volume is on non-shared storage of host "
                    + (host == null ? hostId : host.name + ", which is " + (host.status != HostStatus.UP ? host.status
                    : "not connected")) + "; only that host can do this disk work");
        }
        return hostId;
    }

    /** A host for new volume work: UP and connected. */
    public UUID anyHost() {
        List<UUID> up = QuarkusTransaction.requiringNew().call(() -> Host.<Host>list("status", HostStatus.UP)
                .stream().map(h -> h.id).toList());
        return up.stream().filter(sessions::isConnected).findFirst()
                .orElseThrow(() -> ApiException.conflict("no host is up to do the disk work; activate a host first"));
    }
}
