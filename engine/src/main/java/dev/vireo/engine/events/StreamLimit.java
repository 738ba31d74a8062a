package dev.vireo.engine.events;

import dev.vireo.engine.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code vireo.change-stream.max-per-person} open change streams per person: each holds a worker's
 * ticks and a feed listener, so one person's script (or a hundred tabs) must not take them all. Beyond: 429.
 */
@ApplicationScoped
public class StreamLimit {
    @ConfigProperty(name = "vireo.change-stream.max-per-person", defaultValue = "8")
    int maxPerPerson;

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** One stream's place, given back once (further releases do nothing). */
    public final class Slot {
        private final String person;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String person) {
            this.person = person;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(person, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    public Slot take(String person) {
        boolean[] taken = {false};
        open.compute(person, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerPerson) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw new ApiException(429, "Too many requests", "at most " + maxPerPerson + " event streams may be open "
                    + "at once per person; close one (another tab or script) first");
        }
        return new Slot(person);
    }

    public int max() {
        return maxPerPerson;
    }

    /** Streams this person has open now. */
    public int openFor(String person) {
        return open.getOrDefault(person, 0);
    }
}
