package dev.vireo.agent.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The engine's confirmations of applied setups, awaited by {@link SetupNetworks}, given by {@link ConfirmNetworks}. */
public final class Confirmations {
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    void expect(String setupId) {
        waiting.put(setupId, new CountDownLatch(1));
    }

    /** @return false when nobody waits for that setup (already rolled back, or unknown) */
    public boolean confirm(String setupId) {
        CountDownLatch latch = setupId == null ? null : waiting.get(setupId);
        if (latch == null) {
            return false;
        }
        latch.countDown();
        return true;
    }

    boolean await(String setupId, long millis) throws InterruptedException {
        try {
            return waiting.get(setupId).await(millis, TimeUnit.MILLISECONDS);
        } finally {
            waiting.remove(setupId);
        }
    }
}
