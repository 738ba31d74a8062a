package dev.vireo.bench;

import dev.vireo.systemtests.Api;
import dev.vireo.systemtests.Lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placement throughput and monitoring load at fleet scale: the real engine (embedded PostgreSQL), N
 * simulated hosts from fleet-sim (real agent code on libvirt's test driver, one JVM), then many VMs started
 * through the public API by concurrent clients. Prints placements per second, client-side latency
 * percentiles, the engine's CPU and RSS while the fleet reports, and pgbench -N against the same PostgreSQL.
 *
 * <p>Args: hosts (1000), VMs to start (10000), client threads (32), report interval seconds (15), VMs per
 * start request (1: {@code POST /vms/{id}/start} each; more: the bulk {@code POST /vms/start} with that many), VMs
 * started the same way before the measured ones (0): the engine's JIT compiles the start path during the first
 * thousands of starts, which a short measurement on a fresh engine otherwise counts.
 */
public final class PlacementThroughputBench {

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int reportSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int perRequest = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Path work = Files.createDirectories(Path.of(System.getProperty("vireo.work", "target/work")).toAbsolutePath()
                .resolve("placement-" + System.currentTimeMillis()));
        Path images = Files.createDirectories(work.resolve("images"));
        System.out.printf(Locale.ROOT, "placement bench: %d simulated hosts, %d VMs, %d clients, reports every %d s, "
                + "%d VMs per start request%s%s%s%n", hosts, vms, clients, reportSeconds, perRequest,
                warmup > 0 ? ", " + warmup + " VMs started first to warm up" : "",
                System.getenv("BENCH_FLEET_NICE") == null ? "" : ", fleet at nice " + System.getenv("BENCH_FLEET_NICE"),
                System.getenv("BENCH_FLEET_CPU_SHARES") == null ? "" : ", fleet in a cpu group of "
                        + System.getenv("BENCH_FLEET_CPU_SHARES") + " shares (others 1024)");
        try (Lab lab = Lab.engineOnly(List.of("-Dvireo.image-dirs=" + images,
                "-Dvireo.default-boot.kernel=" + images.resolve("kit/vmlinuz"),
                "-Dvireo.default-boot.initrd=" + images.resolve("kit/initrd.gz"),
                "-Dvireo.hosts.heartbeat-grace=120s"))) {
            Process fleet = startFleet(lab, hosts, images, work, reportSeconds);
            try {
                long t0 = System.nanoTime();
                awaitHostsUp(lab.api, hosts, fleet, work);
                System.out.printf(Locale.ROOT, "fleet: %d hosts UP in the API after %.1f s%n", hosts, secs(t0));
                Sample idle = Sample.take(lab.enginePid(), Duration.ofSeconds(20));
                System.out.printf(Locale.ROOT, "engine with the fleet connected, no VMs: %s%n", idle);

                List<String> all = createVms(lab.api, warmup + vms, clients);
                System.out.printf(Locale.ROOT, "created %d VMs%n", all.size());
                List<String> ids = all.subList(warmup, all.size());
                if (warmup > 0) {
                    // the same start path once before measuring: what a running engine has compiled already
                    startVms(lab.api, all.subList(0, warmup), clients, Math.max(1, perRequest), "warm-up (not measured) ");
                    Thread.sleep(10_000);
                }
                Metrics before = Metrics.read(lab.api);
                CpuSplit cpuBefore = CpuSplit.read(lab.enginePid(), fleet.pid());
                startVms(lab.api, ids, clients, Math.max(1, perRequest), "");
                CpuSplit cpuAfter = CpuSplit.read(lab.enginePid(), fleet.pid());
                Metrics after = Metrics.read(lab.api);
                System.out.printf(Locale.ROOT, "CPU while starting (2 cores in all): %s%n", cpuAfter.since(cpuBefore));
                double batchSeconds = after.batchSeconds - before.batchSeconds;
                double decisions = after.decisions - before.decisions;
                double batches = after.batches - before.batches;
                System.out.printf(Locale.ROOT, "placement batcher (server side): %.0f decisions in %.0f batches (mean %.1f per batch), "
                                + "%.2f s busy (summed over its workers) = %.0f placements/s of batcher time; queued-to-committed p50 %.1f ms, p99 %.1f ms%n",
                        decisions, batches, decisions / Math.max(1, batches), batchSeconds, decisions / batchSeconds,
                        after.waitP50 * 1000, after.waitP99 * 1000);
                StringBuilder phases = new StringBuilder();
                for (String phase : List.of("prepare", "lock", "read", "decide", "write", "commit")) {
                    String sum = "vireo_placement_phase_seconds_sum{phase=\"" + phase + "\"}";
                    double seconds = Metrics.value(after.text(), sum) - Metrics.value(before.text(), sum);
                    phases.append(String.format(Locale.ROOT, "%s%s %.0f ms", phases.isEmpty() ? "" : ", ", phase,
                            seconds * 1000 / Math.max(1, batches)));
                }
                System.out.printf(Locale.ROOT, "a batch's time, mean: %s%n", phases);

                Sample busy = Sample.take(lab.enginePid(), Duration.ofSeconds(Math.max(30, 2L * reportSeconds)));
                System.out.printf(Locale.ROOT, "engine while %d hosts report %d VMs every %d s: %s%n", hosts, ids.size(),
                        reportSeconds, busy);
                System.out.printf(Locale.ROOT, "running VMs by now: %d%n",
                        lab.api.get("/api/v1/vms?limit=1&status=RUNNING").json().path("total").asLong());
                pgbench(lab.dbPort(), work);
            } finally {
                fleet.destroy();
                fleet.waitFor(30, TimeUnit.SECONDS);
                fleet.destroyForcibly();
            }
        }
    }

    static Process startFleet(Lab lab, int hosts, Path images, Path work, int reportSeconds, String... extra) throws Exception {
        List<String> command = new ArrayList<>();
        String nice = System.getenv("BENCH_FLEET_NICE");
        if (nice != null && !nice.isBlank()) {
            // the simulated hosts stand for other machines: at a lower priority they take only what the engine
            // and its PostgreSQL leave of the shared cores (a measurement option, printed with the figures)
            command.addAll(List.of("nice", "-n", nice));
        }
        String shares = System.getenv("BENCH_FLEET_CPU_SHARES");
        if (shares != null && !shares.isBlank()) {
            // stricter than nice, which weighs each thread (thousands of runnable fleet threads still add up): the
            // whole simulator in one cgroup v1 cpu group with this weight (the default group weighs 1024)
            Path group = Path.of("/sys/fs/cgroup/cpu/vireo-bench-fleet");
            if (!Files.isDirectory(group.getParent())) {
                throw new IllegalStateException("BENCH_FLEET_CPU_SHARES needs the cgroup v1 cpu controller at " + group.getParent());
            }
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.shares"), shares.strip());
            command.addAll(List.of("sh", "-c", "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$@\"", "fleet"));
        }
        command.addAll(List.of(Lab.ROOT.resolve("fleet-sim/run.sh").toString(),
                "--engine-url", "http://127.0.0.1:" + lab.enginePort, "--token", lab.enrollmentToken(),
                "--hosts", Integer.toString(hosts), "--image-dir", images.toString(),
                "--state-dir", work.resolve("fleet-state").toString(),
                "--report-interval", reportSeconds + "s", "--heartbeat-interval", "10s", "--ramp", "500"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("fleet.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    static void awaitHostsUp(Api api, int hosts, Process fleet, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!fleet.isAlive()) {
                throw new IllegalStateException("fleet-sim died; see " + work.resolve("fleet.log"));
            }
            int up = 0;
            for (int offset = 0; ; offset += 1000) {
                var page = api.get("/api/v1/hosts?limit=1000&offset=" + offset).json();
                for (var h : page.path("items")) {
                    if ("UP".equals(h.path("status").asText()) && h.path("connected").asBoolean()) {
                        up++;
                    }
                }
                if (offset + 1000 >= page.path("total").asInt()) {
                    break;
                }
            }
            if (up >= hosts) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("not all hosts came UP within 15 minutes");
    }

    private static List<String> createVms(Api api, int vms, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> futures = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 100000);
        for (int i = 0; i < vms; i++) {
            int n = i;
            futures.add(pool.submit(() -> api.post("/api/v1/vms", "{\"name\":\"pb" + run + "-" + n
                    + "\",\"memoryMiB\":256,\"vcpus\":1}").json().path("id").asText()));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    /**
     * Starts every VM from {@code clients} threads: one {@code POST /vms/{id}/start} per VM when
     * {@code perRequest} is 1, otherwise bulk {@code POST /vms/start} requests of {@code perRequest} VMs.
     */
    private static void startVms(Api api, List<String> ids, int clients, int perRequest, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += perRequest) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + perRequest)));
        }
        long[] latencies = new long[chunks.size()];
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < chunks.size(); i++) {
            List<String> chunk = chunks.get(i);
            int n = i;
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                if (perRequest == 1) {
                    int status = api.post("/api/v1/vms/" + chunk.get(0) + "/start", null).status();
                    latencies[n] = System.nanoTime() - s;
                    (status == 202 ? accepted : refused).incrementAndGet();
                    return null;
                }
                Api.Answer answer = api.post("/api/v1/vms/start", "{\"vmIds\":[\"" + String.join("\",\"", chunk) + "\"]}");
                latencies[n] = System.nanoTime() - s;
                if (answer.status() != 200) {
                    throw new IllegalStateException("bulk start answered " + answer.status() + ": " + answer.body());
                }
                accepted.addAndGet(answer.json().path("accepted").asInt());
                refused.addAndGet(answer.json().path("refused").asInt());
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>();
        for (long l : latencies) {
            sorted.add(l);
        }
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%splacements: %d accepted, %d refused in %.2f s = %.0f placements/s; "
                        + "%s latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d concurrent clients)%n",
                label, accepted.get(), refused.get(), seconds, accepted.get() / seconds,
                perRequest == 1 ? "POST start" : "bulk POST start (" + perRequest + " VMs each)",
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, clients);
    }

    /** The engine's own placement meters, from its Prometheus endpoint. */
    record Metrics(double batches, double batchSeconds, double decisions, double waitP50, double waitP99, String text) {
        static Metrics read(Api api) {
            String text = api.get("/q/metrics").body();
            return new Metrics(value(text, "vireo_placement_batch_seconds_count"), value(text, "vireo_placement_batch_seconds_sum"),
                    value(text, "vireo_placement_wait_seconds_count"), value(text, "vireo_placement_wait_seconds{quantile=\"0.5\"}"),
                    value(text, "vireo_placement_wait_seconds{quantile=\"0.99\"}"), text);
        }

        static double value(String text, String name) {
            for (String line : text.replace(",}", "}").split("\n")) {   // older Prometheus text ends labels with ","
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
            return 0;
        }
    }

    private static void pgbench(int port, Path work) throws Exception {
        String url = "-h 127.0.0.1 -p " + port + " -U postgres";
        run(work, "psql " + url + " -q -c 'create database pgbench' postgres");
        run(work, "pgbench " + url + " -i -q -s 10 pgbench");
        String out = run(work, "pgbench " + url + " -N -c 8 -j 2 -T 15 pgbench");
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        System.out.printf(Locale.ROOT, "pgbench -N -c 8 -j 2 -T 15 (scale 10) on the same PostgreSQL: %s tps%n",
                m.find() ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(m.group(1))) : "? (" + out + ")");
    }

    private static String run(Path work, String command) throws Exception {
        Path out = Files.createTempFile(work, "cmd", ".out");
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        p.waitFor(120, TimeUnit.SECONDS);
        return Files.readString(out);
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** CPU share (of one core) and RSS of a process over a window, from /proc. */
    record Sample(double cpuCores, long rssMiB, Duration window) {
        static Sample take(long pid, Duration window) throws Exception {
            long before = cpuTicks(pid);
            Thread.sleep(window.toMillis());
            long after = cpuTicks(pid);
            return new Sample((after - before) / 100.0 / window.toSeconds(), rssMiB(pid), window);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU %.2f cores (average over %d s), RSS %d MiB", cpuCores, window.toSeconds(), rssMiB);
        }

        private static long cpuTicks(long pid) throws Exception {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime + stime, in clock ticks (100/s)
        }

        private static long rssMiB(long pid) throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }
    }
}
