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
 * A queue drained by daemon threads, started on the first item: a free thread takes everything waiting (up
 * to a maximum) and hands it over as one batch, so a burst costs one transaction per batch rather than per
 * item. The placements and the start answers are both worked off this way. More than one thread lets one
 * batch prepare while another waits for the database.
 */
final class BatchWorker<T> {
    private static final Logger LOG = Logger.getLogger(BatchWorker.class);

    private final String name;
    private final int max;
    private final Consumer<List<T>> handle;
    private final BiConsumer<List<T>, RuntimeException> failed;
    private final Consumer<T> leftAtStop;
    private final int threads;
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param failed     told of a batch whose handling threw (after it is logged)
     * @param leftAtStop told of each item still queued when the loop ends on {@link #stop} between batches
     */
    BatchWorker(String name, int max, Consumer<List<T>> handle, BiConsumer<List<T>, RuntimeException> failed,
                Consumer<T> leftAtStop) {
        this(name, 1, max, handle, failed, leftAtStop);
    }

    /** @param threads how many batches may be handled at once */
    BatchWorker(String name, int threads, int max, Consumer<List<T>> handle, BiConsumer<List<T>, RuntimeException> failed,
                Consumer<T> leftAtStop) {
        if (threads < 1) {
            throw new IllegalArgumentException("a batch worker needs at least one thread, not " + threads);
        }
        this.threads = threads;
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
        if (workers.isEmpty() && !stopping) {
            for (int i = 0; i < threads; i++) {
                Thread worker = new Thread(this::loop, threads == 1 ? name : name + "-" + (i + 1));
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }
    }

    synchronized void stop() {
        stopping = true;
        workers.forEach(Thread::interrupt);
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
                break;
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: a batch of %d failed", name, batch.size());
                failed.accept(batch, e);
            }
        }
        // each item once, whichever thread ends first
        for (T left = queue.poll(); left != null; left = queue.poll()) {
            leftAtStop.accept(left);
        }
    }
}
