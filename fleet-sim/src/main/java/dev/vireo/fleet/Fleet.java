package dev.vireo.fleet;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many simulated hosts in this JVM. They share what can be shared: one HTTP client (one selector thread for
 * every websocket), one command pool, one scheduler for heartbeats and reports. What stays per host is its
 * libvirt connection and the engine link's own thread (it blocks while the host is connected).
 */
public final class Fleet implements AutoCloseable {
    private final FleetOptions options;
    private final ExecutorService httpPool;
    private final HttpClient http;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final List<SimulatedHost> hosts = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    public Fleet(FleetOptions options) throws IOException {
        this.options = options;
        prepareImageDir(options.imageDir());
        this.httpPool = Executors.newFixedThreadPool(options.httpThreads(), daemon("fleet-http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // as EngineLink.httpClient(): the websocket upgrade
                .connectTimeout(Duration.ofSeconds(10))
                .executor(httpPool)
                .build();
        if (options.perAgentPools()) {
            this.workers = null;
            this.timers = null;
        } else {
            this.workers = Executors.newFixedThreadPool(options.commandThreads(), daemon("fleet-command"));
            this.timers = Executors.newScheduledThreadPool(options.timerThreads(), daemon("fleet-timer"));
        }
    }

    /** The kit paths the engine's default boot names, so START validates on the agents: empty files suffice. */
    static void prepareImageDir(Path imageDir) throws IOException {
        Path kit = Files.createDirectories(imageDir.resolve("kit"));
        for (String file : new String[]{"vmlinuz", "initrd.gz"}) {
            Path path = kit.resolve(file);
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        }
    }

    FleetOptions options() {
        return options;
    }

    /**
     * Creates and starts every host, {@code rampPerSecond} per second, then returns (the hosts keep connecting
     * on their own threads). Returns early if the fleet is closed meanwhile.
     */
    public void start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long step = TimeUnit.SECONDS.toNanos(1) / options.rampPerSecond();
        for (int i = 0; i < options.hosts() && !closed; i++) {
            long due = t0 + i * step;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            SimulatedHost host = new SimulatedHost(options, i, http, workers, timers);
            synchronized (hosts) {
                if (closed) {
                    host.close();
                    return;
                }
                hosts.add(host);
            }
            host.start();
        }
    }

    List<SimulatedHost> hosts() {
        synchronized (hosts) {
            return List.copyOf(hosts);
        }
    }

    int started() {
        return hosts.size();
    }

    public int connected() {
        int n = 0;
        for (SimulatedHost host : hosts()) {
            if (host.connected()) {
                n++;
            }
        }
        return n;
    }

    /** Closes every websocket (politely), then the libvirt connections and the shared pools. */
    @Override
    public void close() {
        List<SimulatedHost> all;
        synchronized (hosts) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(hosts);
        }
        all.forEach(SimulatedHost::stop);
        if (!all.isEmpty()) {
            try {
                Thread.sleep(500); // the close frames are on their way (each socket is aborted after 2 s anyway)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
            timers.shutdownNow();
            await(workers);
            await(timers);
        }
        all.forEach(SimulatedHost::close);
        httpPool.shutdownNow();
    }

    private static void await(ExecutorService pool) {
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
