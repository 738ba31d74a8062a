package dev.vireo.engine.hosts;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.api.Actors;
import dev.vireo.protocol.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent proves it may join with the installation's enrolment token and gets its own credential back.
 * A host that enrols again under the same name (it lost its state) gets a new credential; the old one dies.
 */
@ApplicationScoped
public class Enrollment {

    public record EnrollRequest(String token, HostFacts facts) {
    }

    public record EnrollResponse(UUID hostId, String credential) {
    }

    @ConfigProperty(name = "vireo.enrollment.token")
    Optional<String> token;

    @ConfigProperty(name = "vireo.enrollment.cluster-id", defaultValue = "00000000-0000-4000-8000-000000000001")
    UUID clusterId;

    @Inject
    EventLog events;

    @Inject
    HostFactsUpdater facts;

    @Transactional
    public EnrollResponse enroll(EnrollRequest request) {
        if (request == null || request.token() == null || token.isEmpty() || !sameToken(request.token(), token.get())) {
            throw new ApiException(401, "Unauthorized", "the enrolment token is missing or wrong");
        }
        HostFacts f = request.facts();
        if (f == null || f.hostname() == null || f.hostname().isBlank()) {
            throw ApiException.invalid("facts.hostname is required");
        }
        if (!f.hostname().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}")) {
            throw ApiException.invalid("facts.hostname must be a DNS-style host name (letters, digits, '.', '_', '-'; at most 253)");
        }
        if (Cluster.findById(clusterId) == null) {
            throw ApiException.unavailable("the enrolment cluster " + clusterId + " does not exist");
        }
        String secret = Credentials.newSecret();
        Host host = Host.find("name", f.hostname()).firstResult();
        boolean again = host != null;
        if (host == null) {
            host = new Host();
            host.id = UUID.randomUUID();
            host.clusterId = clusterId;
            host.name = f.hostname();
            host.status = HostStatus.INSTALLING;
            host.createdAt = OffsetDateTime.now();
        }
        host.credentialHash = Credentials.hash(secret);
        facts.apply(host, f);
        host.persist();
        events.info(Actors.agent(host.name), again ? "host.reenroll" : "host.enroll", "host", host.id, host.name,
                again ? "host enrolled again; its previous credential is revoked" : "host enrolled");
        return new EnrollResponse(host.id, secret);
    }

    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
