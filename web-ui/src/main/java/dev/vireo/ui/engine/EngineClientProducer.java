package dev.vireo.ui.engine;

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

    /** The current request's access token, or null outside a request or when nobody is signed in. */
    static String currentAccessToken() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : token.getToken();
    }
}
