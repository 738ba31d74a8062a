package dev.vireo.ui.layout;

import com.vaadin.flow.component.UI;
import dev.vireo.ui.engine.ChangeStream;
import dev.vireo.ui.engine.EngineClient;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps one tab up to date by server push: listens to the engine's change stream and, when something
 * changed, refreshes the page through {@link UI#access} (at most one refresh queued at a time). While the
 * stream is down the tab falls back to polling at the configured refresh interval and tries to reopen it
 * from the poll, where the signed-in person's token is at hand.
 */
final class LiveUpdates {
    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);
    private static final long REOPEN_EVERY_MS = 5_000;

    interface Listener {
        /** Runs with the tab's session locked. */
        void changed();

        /** Runs with the tab's session locked: true when the stream is open, false when polling. */
        void live(boolean live);
    }

    private final UI ui;
    private final EngineClient engine;
    private final Listener listener;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private ChangeStream stream;
    private long lastAttempt;

    LiveUpdates(UI ui, EngineClient engine, Listener listener) {
        this.ui = ui;
        this.engine = engine;
        this.listener = listener;
    }

    /** Opens the stream unless it is open or was tried a moment ago. Call from a request (a poll, an attach). */
    void ensureOpen() {
        if (stream != null && stream.isOpen()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastAttempt < REOPEN_EVERY_MS) {
            return;
        }
        lastAttempt = now;
        stream = engine.changes(() -> access(() -> listener.live(true)), this::onChange, this::onClosed);
    }

    boolean isOpen() {
        return stream != null && stream.isOpen();
    }

    private void onChange(String message) {
        LOG.debugf("change stream: %s", message);
        if (message.contains("\"ids\":[]") && message.contains("\"everything\":false")) {
            return;   // a keep-alive
        }
        if (refreshQueued.compareAndSet(false, true)) {
            access(() -> {
                refreshQueued.set(false);
                LOG.debugf("UI %d: refreshing %s", ui.getUIId(), ui.getInternals().getActiveRouterTargetsChain().isEmpty()
                        ? "nothing" : ui.getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName());
                listener.changed();
            });
        }
    }

    private void onClosed(String why) {
        LOG.debugf("change stream closed: %s", why);
        access(() -> listener.live(false));
    }

    private void access(com.vaadin.flow.server.Command command) {
        try {
            ui.access(command);
        } catch (com.vaadin.flow.component.UIDetachedException gone) {
            close();   // the tab is gone; so is the reason to listen
        }
    }

    void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
