package dev.vireo.fleet;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Many host agents in one JVM against a real engine: each enrols, dials the agent websocket and answers
 * commands with the agent's own classes on its own libvirt test-driver node. Prints progress while they
 * connect, then {@code fleet: N hosts connected in X s}, and runs until killed (SIGTERM closes every
 * websocket and libvirt connection). Options: {@link FleetOptions#USAGE}.
 */
public final class FleetSimulator {
    /** held so the level sticks (java.util.logging keeps loggers weakly) */
    private static final Logger AGENT_LOG = Logger.getLogger("dev.vireo.agent");

    private FleetSimulator() {
    }

    public static void main(String[] args) throws Exception {
        FleetOptions options;
        try {
            options = FleetOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("fleet: " + e.getMessage());
            }
            System.err.println(FleetOptions.USAGE);
            System.exit(2);
            return;
        }
        configureLogging(options.verbose());
        Fleet fleet = new Fleet(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping %d hosts", fleet.started());
            main.interrupt();
            fleet.close();
            say("stopped");
            stopped.countDown();
        }, "fleet-shutdown"));

        say("%d hosts (%s%05d..), %d MiB and %d CPUs each, engine %s, state in %s, image dir %s",
                options.hosts(), options.prefix(), options.firstIndex(), options.memoryMiB(), options.cpus(),
                options.engineUrl(), options.stateDir(), options.imageDir());
        say("engine side: boot paths must lie in -Dvireo.image-dirs=%s (default boot "
                        + "-Dvireo.default-boot.kernel=%s/kit/vmlinuz -Dvireo.default-boot.initrd=%s/kit/initrd.gz)",
                options.imageDir(), options.imageDir(), options.imageDir());
        long t0 = System.nanoTime();
        Thread starter = new Thread(() -> {
            try {
                fleet.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                say("starting hosts failed: %s", e);
            }
        }, "fleet-starter");
        starter.setDaemon(true);
        starter.start();
        try {
            watch(fleet, t0);
        } catch (InterruptedException e) {
            stopped.await(30, TimeUnit.SECONDS); // the shutdown hook is closing the fleet
        }
    }

    /** Progress while connecting, the all-connected line, then a line whenever the count changes. */
    private static void watch(Fleet fleet, long t0) throws InterruptedException {
        int total = fleet.options().hosts();
        long progressEvery = fleet.options().progressInterval().toNanos();
        long nextProgress = System.nanoTime() + progressEvery;
        boolean all = false;
        int last = -1;
        while (true) {
            TimeUnit.MILLISECONDS.sleep(100);
            int connected = fleet.connected();
            long now = System.nanoTime();
            if (!all && connected == total) {
                all = true;
                last = connected;
                say("%d hosts connected in %.1f s", total, (now - t0) / 1e9);
                continue;
            }
            if (!all && now >= nextProgress) {
                nextProgress = now + progressEvery;
                say("connected %d/%d (started %d) after %.1f s", connected, total, fleet.started(), (now - t0) / 1e9);
            } else if (all && connected != last && now >= nextProgress) {
                nextProgress = now + progressEvery;
                last = connected;
                say("connected %d/%d", connected, total);
            }
        }
    }

    private static void configureLogging(boolean verbose) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
        }
        AGENT_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
    }

    private static void say(String format, Object... args) {
        System.out.println("fleet: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
