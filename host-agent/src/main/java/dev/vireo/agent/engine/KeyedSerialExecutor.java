package dev.vireo.agent.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs tasks on a shared pool, in submission order per key and in parallel across keys: the commands for one
 * VM run one after another in the order the engine sent them, while other VMs' commands go ahead.
 */
final class KeyedSerialExecutor {
    private final Executor pool;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    KeyedSerialExecutor(Executor pool) {
        this.pool = pool;
    }

    synchronized void execute(String key, Runnable task) {
        CompletableFuture<Void> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.handle((ignored, error) -> null).thenRunAsync(task, pool);
        tails.put(key, next);
        next.whenComplete((ignored, error) -> forget(key, next));
    }

    private synchronized void forget(String key, CompletableFuture<Void> finished) {
        tails.remove(key, finished);
    }
}
