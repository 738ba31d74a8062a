package dev.vireo.engine.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells listeners (the change stream of each open portal) what changed, once the change is committed:
 * a listener that re-reads on hearing of it must find it. Each listener collects changes until it
 * drains them, so a burst of a thousand VM starts is one refresh per listener, not a thousand.
 */
@ApplicationScoped
public class ChangeFeed {

    /** What one listener has not yet drained; past {@link #MAX_PENDING} it only remembers that it overflowed. */
    public static final class Listener {
        static final int MAX_PENDING = 1000;
        private final Set<Change> pending = new LinkedHashSet<>();
        private boolean overflowed;

        synchronized void offer(Change change) {
            if (pending.size() < MAX_PENDING) {
                pending.add(change);
            } else {
                overflowed = true;
            }
        }

        /** The changes since the last drain, and whether some were dropped (then: re-read everything). */
        public synchronized Drained drain() {
            Drained d = new Drained(Set.copyOf(pending), overflowed);
            pending.clear();
            overflowed = false;
            return d;
        }
    }

    public record Drained(Set<Change> changes, boolean overflowed) {
        public boolean isEmpty() {
            return changes.isEmpty() && !overflowed;
        }
    }

    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    public Listener listen() {
        Listener l = new Listener();
        listeners.add(l);
        return l;
    }

    public void stop(Listener listener) {
        listeners.remove(listener);
    }

    public int listeners() {
        return listeners.size();
    }

    /** Delivered after the caller's transaction commits (never, if it rolls back); at once outside one. */
    public void publish(Change change) {
        if (listeners.isEmpty()) {
            return;   // no portal open: nothing to hold for after the commit
        }
        if (transactions.getTransactionKey() != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        deliver(change);
                    }
                }
            });
        } else {
            deliver(change);
        }
    }

    private void deliver(Change change) {
        for (Listener l : listeners) {
            l.offer(change);
        }
    }
}
