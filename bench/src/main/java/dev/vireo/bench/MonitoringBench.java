package dev.vireo.bench;

import dev.vireo.fleet.FleetOptions;
import dev.vireo.systemtests.Api;
import dev.vireo.systemtests.Lab;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Monitoring load: N simulated hosts (fleet-sim, the agent's own code on libvirt's test driver), each running
 * M domains from the start, all of them VMs the engine knows as RUNNING there; every host sends a full state
 * report every R seconds. Prints the engine's CPU and RSS over a window and the report lag (agent's send
 * time to processed, the engine's {@code vireo.reports.lag} meter), next to how many reports were due.
 *
 * <p>The VMs are registered directly in the database (COPY) between a first run of the fleet, which enrols
 * the hosts, and a second, which reconnects them with their domains: starting 100,000 VMs through the API
 * would measure placement, not monitoring ({@code bench/run.sh placement} does that).
 *
 * <p>Args: hosts (5000), VMs per host (20), report interval seconds (15), measured window seconds (60).
 */
public final class MonitoringBench {
    private static final UUID DEFAULT_CLUSTER = UUID.fromString("00000000-0000-4000-8000-000000000001");

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int reportSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int windowSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Path work = Files.createDirectories(Path.of(System.getProperty("vireo.work", "target/work")).toAbsolutePath()
                .resolve("monitoring-" + System.currentTimeMillis()));
        Path images = Files.createDirectories(work.resolve("images"));
        System.out.printf(Locale.ROOT, "monitoring bench: %d simulated hosts x %d running VMs = %,d VMs, full reports every %d s, "
                + "window %d s; %s, %d cores%n", hosts, perHost, hosts * perHost, reportSeconds, windowSeconds,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors());
        try (Lab lab = Lab.engineOnly(List.of("-Dvireo.image-dirs=" + images, "-Dvireo.hosts.heartbeat-grace=300s"))) {
            // 1. enrol the hosts (no domains yet), then stop them
            Process fleet = PlacementThroughputBench.startFleet(lab, hosts, images, work, reportSeconds);
            long t0 = System.nanoTime();
            try {
                PlacementThroughputBench.awaitHostsUp(lab.api, hosts, fleet, work);
            } finally {
                stop(fleet);
            }
            System.out.printf(Locale.ROOT, "fleet: %d hosts enrolled and UP after %.1f s%n", hosts, (System.nanoTime() - t0) / 1e9);

            // 2. the engine's side of the preloaded domains: VMs RUNNING on their hosts
            FleetOptions names = FleetOptions.parse("--hosts", Integer.toString(hosts), "--state-dir", work.toString());
            Map<String, UUID> hostIds = hostIds(lab.api);
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lab.dbPort() + "/postgres",
                    "postgres", "postgres")) {
                register(db, names, hostIds, hosts, perHost);
            }

            // 3. the hosts come back, each with its running domains
            fleet = PlacementThroughputBench.startFleet(lab, hosts, images, work, reportSeconds,
                    "--preload-vms", Integer.toString(perHost));
            try {
                t0 = System.nanoTime();
                PlacementThroughputBench.awaitHostsUp(lab.api, hosts, fleet, work);
                System.out.printf(Locale.ROOT, "fleet: %d hosts reconnected with %d domains each after %.1f s%n", hosts, perHost,
                        (System.nanoTime() - t0) / 1e9);
                Thread.sleep(2000L * reportSeconds);   // every host has reported at least once; the JIT settles
                Reports before = Reports.read(lab.api);
                var sample = PlacementThroughputBench.Sample.take(lab.enginePid(), Duration.ofSeconds(windowSeconds));
                Reports after = Reports.read(lab.api);
                double processed = after.count - before.count;
                double due = (double) hosts * windowSeconds / reportSeconds;
                System.out.printf(Locale.ROOT, "engine over %d s: %s; state reports processed %.0f (%.0f due, %.1f/s)%n",
                        windowSeconds, sample, processed, due, processed / windowSeconds);
                System.out.printf(Locale.ROOT, "report lag (agent sent -> engine done), whole run: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                                + "mean in the window %.1f ms%n", after.p50 * 1000, after.p99 * 1000, after.max * 1000,
                        processed == 0 ? 0 : (after.sum - before.sum) / processed * 1000);
                System.out.printf(Locale.ROOT, "VMs RUNNING in the API: %d; VM events from the agents' reports: %s%n",
                        lab.api.get("/api/v1/vms?limit=1&status=RUNNING").json().path("total").asLong(), vmEvents(lab));
            } finally {
                stop(fleet);
            }
        }
    }

    /** Events a report that changed something writes (none expected: every VM is where the engine has it). */
    private static String vmEvents(Lab lab) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lab.dbPort() + "/postgres",
                "postgres", "postgres"); Statement s = db.createStatement();
             var r = s.executeQuery("select action, count(*) from events where action in ('domain.unknown', 'vm.found',"
                     + " 'vm.status', 'vm.down') group by action order by action")) {
            StringBuilder out = new StringBuilder();
            while (r.next()) {
                out.append(out.isEmpty() ? "" : ", ").append(r.getString(1)).append(' ').append(r.getLong(2));
            }
            return out.isEmpty() ? "none" : out.toString();
        }
    }

    private static void stop(Process fleet) throws InterruptedException {
        fleet.destroy();
        if (!fleet.waitFor(60, TimeUnit.SECONDS)) {
            fleet.destroyForcibly();
        }
    }

    private static Map<String, UUID> hostIds(Api api) {
        Map<String, UUID> ids = new HashMap<>();
        for (int offset = 0; ; offset += 1000) {
            var page = api.get("/api/v1/hosts?limit=1000&offset=" + offset).json();
            page.path("items").forEach(h -> ids.put(h.path("name").asText(), UUID.fromString(h.path("id").asText())));
            if (offset + 1000 >= page.path("total").asInt()) {
                return ids;
            }
        }
    }

    /** One COPY: every preloaded domain as a VM RUNNING on its host, last changed a day ago. */
    private static void register(Connection db, FleetOptions names, Map<String, UUID> hostIds, int hosts, int perHost)
            throws Exception {
        long t0 = System.nanoTime();
        StringBuilder copy = new StringBuilder(hosts * perHost * 200);
        Instant dayAgo = Instant.now().minus(1, ChronoUnit.DAYS);
        for (int i = 0; i < hosts; i++) {
            String host = names.hostName(i);
            UUID hostId = hostIds.get(host);
            if (hostId == null) {
                throw new IllegalStateException("host " + host + " is not in the API");
            }
            for (int v = 0; v < perHost; v++) {
                // id, cluster_id, name, memory_mib, vcpus, desired_state, status, host_id, last_host_id, vnc_port,
                // created_at, updated_at, owner
                copy.append(names.preloadedVmId(i, v)).append('\t').append(DEFAULT_CLUSTER).append('\t')
                        .append(host).append("-vm").append(v).append("\t256\t1\tUP\tRUNNING\t")
                        .append(hostId).append('\t').append(hostId).append('\t').append(5900 + v).append('\t')
                        .append(dayAgo).append('\t').append(dayAgo).append("\tadmin\n");
            }
        }
        long rows = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                "copy vms (id, cluster_id, name, memory_mib, vcpus, desired_state, status, host_id, last_host_id, vnc_port,"
                        + " created_at, updated_at, owner) from stdin", new StringReader(copy.toString()));
        try (Statement s = db.createStatement()) {
            s.execute("vacuum analyze vms");
        }
        System.out.printf(Locale.ROOT, "registered %,d VMs RUNNING on their hosts in %.1f s (COPY)%n", rows,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The engine's report meters from its Prometheus endpoint. */
    private record Reports(double count, double sum, double p50, double p99, double max) {
        static Reports read(Api api) {
            String text = api.get("/q/metrics").body();
            return new Reports(PlacementThroughputBench.Metrics.value(text, "vireo_reports_lag_seconds_count"),
                    PlacementThroughputBench.Metrics.value(text, "vireo_reports_lag_seconds_sum"),
                    PlacementThroughputBench.Metrics.value(text, "vireo_reports_lag_seconds{quantile=\"0.5\"}"),
                    PlacementThroughputBench.Metrics.value(text, "vireo_reports_lag_seconds{quantile=\"0.99\"}"),
                    PlacementThroughputBench.Metrics.value(text, "vireo_reports_lag_seconds_max"));
        }
    }
}
