package dev.vireo.engine.vms.actions;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A queue drained by one daemon thread, started on the first item: it takes everything waiting (up to a
 * maximum) and hands it over as one batch, so a burst costs one transaction per batch rather than per item.
 * The placements and the start answers are both worked off this way.
 */
final class BatchWorker<T> {
    private static final Logger LOG = Logger.getLogger(BatchWorker.class);

    private final String name;
    private final int max;
    private final Consumer<List<T>> handle;
    private final BiConsumer<List<T>, RuntimeException> failed;
    private final Consumer<T> leftAtStop;
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private volatile Thread worker;
    private volatile boolean stopping;

    /**
     * @param failed     told of a batch whose handling threw (after it is logged)
     * @param leftAtStop told of each item still queued when the loop ends on {@link #stop} between batches
     */
    BatchWorker(String name, int max, Consumer<List<T>> handle, BiConsumer<List<T>, RuntimeException> failed,
                Consumer<T> leftAtStop) {
        this.name = name;
        this.max = max;
        this.handle = handle;
        this.failed = failed;
        this.leftAtStop = leftAtStop;
    }

    void addAll(Collection<T> items) {
        queue.addAll(items);
        ensureWorker();
    }

    void add(T item) {
        queue.add(item);
        ensureWorker();
    }

    private synchronized void ensureWorker() {
        if (worker == null && !stopping) {
            worker = new Thread(this::loop, name);
            worker.setDaemon(true);
            worker.start();
        }
    }

    void stop() {
        stopping = true;
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
    }

    private void loop() {
        List<T> batch = new ArrayList<>();
        while (!stopping) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, max - 1);
                handle.accept(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: a batch of %d failed", name, batch.size());
                failed.accept(batch, e);
            }
        }
        queue.forEach(leftAtStop);
    }
}
