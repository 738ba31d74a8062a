package dev.vireo.ui.layout;

import com.vaadin.quarkus.annotation.UIScoped;
import dev.vireo.ui.EngineBanner;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Me;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every page of one browser tab shares: the engine client, the engine banner (the guard the lazy
 * grids consult) and who is signed in. One per UI, so the layout and the view it shows see the same.
 */
@UIScoped
public class Portal {

    private final EngineClient engine;
    private final EngineBanner banner;
    private final int pollMillis;
    private final int livePollMillis;
    private Me me;

    @Inject
    public Portal(EngineClient engine,
            @ConfigProperty(name = "vireo.refresh-interval", defaultValue = "2s") Duration refreshInterval,
            @ConfigProperty(name = "vireo.live-refresh-interval", defaultValue = "30s") Duration liveRefreshInterval) {
        this.engine = engine;
        this.pollMillis = (int) Math.max(250, refreshInterval.toMillis());
        this.livePollMillis = (int) Math.max(pollMillis, liveRefreshInterval.toMillis());
        this.banner = new EngineBanner(engine, Duration.ofMillis(pollMillis));
    }

    public EngineClient engine() {
        return engine;
    }

    public EngineBanner banner() {
        return banner;
    }

    /** The poll while the engine's change stream is down. */
    public int pollMillis() {
        return pollMillis;
    }

    /** The poll while changes are pushed: figures that change without an event (host load) and a fresh sign-in. */
    public int livePollMillis() {
        return livePollMillis;
    }

    /** The signed-in person, read once per tab; null while the engine does not answer. */
    public Me me() {
        if (me == null) {
            refreshMe();
        }
        return me;
    }

    /** Re-reads {@code /me} (quota use changes as VMs come and go); keeps the last answer on failure. */
    public Me refreshMe() {
        try {
            me = engine.me();
        } catch (EngineException e) {
            // the banner reports an unreachable engine; until it answers, show no administration
        }
        return me;
    }

    public boolean admin() {
        Me m = me();
        return m != null && m.admin();
    }
}
