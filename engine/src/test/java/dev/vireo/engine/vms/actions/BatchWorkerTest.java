package dev.vireo.engine.vms.actions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchWorkerTest {

    @Test
    void twoThreadsHandleTwoBatchesAtOnce() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        BatchWorker<Integer> worker = new BatchWorker<>("test-batches", 2, 10, batch -> {
            bothInside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.addAll(batch);
        }, (batch, e) -> { }, item -> { });
        try {
            worker.add(1);
            // the first thread holds its batch until released: only a second thread can take this one
            Thread.sleep(100);
            worker.add(2);
            assertTrue(bothInside.await(5, TimeUnit.SECONDS), "a second batch was not handled while the first one was");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (handled.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(1, 2), handled.stream().sorted().toList());
        } finally {
            worker.stop();
        }
    }

    @Test
    void itemsLeftAtStopAreToldOnceEach() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        AtomicInteger told = new AtomicInteger();
        List<Integer> leftItems = Collections.synchronizedList(new ArrayList<>());
        BatchWorker<Integer> worker = new BatchWorker<>("test-stop", 2, 1, batch -> {
            inside.countDown();
            try {
                Thread.sleep(10_000);   // interrupted by stop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (batch, e) -> { }, item -> {
            told.incrementAndGet();
            leftItems.add(item);
        });
        worker.add(1);
        Thread.sleep(50);
        worker.add(2);
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        for (int i = 3; i <= 7; i++) {
            worker.add(i);
        }
        worker.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (told.get() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);   // a second telling of any item would come now
        assertEquals(List.of(3, 4, 5, 6, 7), leftItems.stream().sorted().toList());
        assertEquals(5, told.get());
    }

    @Test
    void refusesNoThreads() {
        assertThrows(IllegalArgumentException.class,
                () -> new BatchWorker<Integer>("none", 0, 10, b -> { }, (b, e) -> { }, i -> { }));
    }
}
