package dev.vireo.ui;

import com.vaadin.flow.component.html.Div;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.EngineUnreachableException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A red strip at the top while the engine is unreachable ("Engine unreachable at URL …") or answers
 * list requests with errors; hidden while all is well. {@link #probe()} checks the engine once per
 * refresh; the grids skip their calls while it is unreachable and report their own failures here.
 */
public class EngineBanner extends Div implements EngineGuard {

    private static final Logger LOG = Logger.getLogger(EngineBanner.class);

    private final EngineClient engine;
    private final String retryHint;
    private boolean reachable = true;

    public EngineBanner(EngineClient engine, Duration retryInterval) {
        this.engine = engine;
        long ms = retryInterval.toMillis();
        this.retryHint = " — retrying every " + (ms % 1000 == 0 ? ms / 1000 + " s." : ms + " ms.");
        setId("engine-banner");
        getElement().setAttribute("role", "alert");
        getStyle()
                .set("box-sizing", "border-box")
                .set("width", "100%")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", "var(--lumo-error-color-10pct)")
                .set("color", "var(--lumo-error-text-color)")
                .set("font-weight", "600");
        setVisible(false);
    }

    /** Asks the engine who is signed in (allowed to everyone, unlike the hosts); true if it answered at all. */
    public boolean probe() {
        try {
            engine.me();
            reachable = true;
            setVisible(false);
        } catch (EngineException e) {
            report(e);
        }
        return reachable;
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    @Override
    public void report(EngineException e) {
        if (e instanceof EngineUnreachableException u) {
            if (reachable) {
                LOG.warnf("%s", u.getMessage());
            }
            reachable = false;
            setText(u.getMessage() + retryHint);
        } else if (e instanceof EngineProblemException p) {
            reachable = true;
            setText("The engine at " + engine.baseUrl() + " answered with an error: " + p.problem().message());
        } else {
            reachable = true;
            setText(e.getMessage());
        }
        setVisible(true);
    }
}
