package dev.vireo.ui.engine;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the one {@link EngineClient} of this UI from {@code vireo.engine-url} and {@code vireo.engine-timeout}. */
public class EngineClientProducer {

    @Produces
    @Singleton
    EngineClient engineClient(
            @ConfigProperty(name = "vireo.engine-url", defaultValue = "http://127.0.0.1:8080") URI engineUrl,
            @ConfigProperty(name = "vireo.engine-timeout", defaultValue = "5s") Duration timeout) {
        return new EngineClient(engineUrl, timeout);
    }
}
