package dev.vireo.agent.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the agent reaches the engine.
 *
 * @param engineUrl         base URL, {@code http(s)://host:port}; the websocket uses ws(s) on the same host and port
 * @param enrollmentToken   one-time token for enrolment, needed only while there is no credential
 * @param stateDir          where {@code credential.json} lives
 * @param heartbeatInterval how often a heartbeat goes out
 * @param reportInterval    how often a full state report goes out
 */
public record EngineSettings(URI engineUrl, Optional<String> enrollmentToken, Path stateDir,
                             Duration heartbeatInterval, Duration reportInterval) {

    public static final String ENROLL_PATH = "/api/v1/hosts/enroll";
    public static final String CONNECT_PATH = "/api/v1/agent/connect";

    public EngineSettings {
        String scheme = engineUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || engineUrl.getHost() == null) {
            throw new IllegalArgumentException("vireo.agent.engine-url must be http(s)://host:port, not " + engineUrl);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat and report intervals must be positive");
        }
    }

    public URI enrollUri() {
        return URI.create(base() + ENROLL_PATH);
    }

    public URI connectUri() {
        return URI.create(base().replaceFirst("^http", "ws") + CONNECT_PATH);
    }

    public Path credentialFile() {
        return stateDir.resolve("credential.json");
    }

    private String base() {
        String url = engineUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
