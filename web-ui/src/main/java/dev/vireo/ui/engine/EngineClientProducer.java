package dev.vireo.ui.engine;

import com.vaadin.flow.server.VaadinSession;
import io.quarkus.arc.Arc;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the one {@link EngineClient} of this UI from {@code vireo.engine-url} and {@code vireo.engine-timeout}.
 * Each call carries the access token of the person whose browser request is being served (Keycloak
 * login, OIDC code flow), so the engine decides what they may see and do.
 */
public class EngineClientProducer {

    @Produces
    @Singleton
    EngineClient engineClient(
            @ConfigProperty(name = "vireo.engine-url", defaultValue = "http://127.0.0.1:8080") URI engineUrl,
            @ConfigProperty(name = "vireo.engine-timeout", defaultValue = "5s") Duration timeout) {
        return new EngineClient(engineUrl, timeout, EngineClientProducer::currentAccessToken);
    }

    private static final String SESSION_TOKEN = "vireo.access-token";

    /**
     * The current request's access token; outside a request (a push from the engine's change stream, run
     * with the tab's session locked) the last token this session's requests carried; else null. The
     * portal's fallback poll keeps that token fresh: each poll is a request, and OIDC refreshes an expired
     * token on requests.
     */
    static String currentAccessToken() {
        VaadinSession session = VaadinSession.getCurrent();
        if (!Arc.container().requestContext().isActive()) {
            return session == null ? null : (String) session.getAttribute(SESSION_TOKEN);
        }
        SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        String value = token == null ? null : token.getToken();
        if (session != null && value != null && session.hasLock()) {
            session.setAttribute(SESSION_TOKEN, value);
        }
        return value;
    }
}
