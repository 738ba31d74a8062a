package dev.vireo.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's settings, from {@code --key value} or {@code --key=value} arguments (see {@link #USAGE}).
 *
 * @param engineUrl         the engine's base URL
 * @param enrollmentToken   the engine's enrolment token (needed by hosts without a credential in the state dir)
 * @param hosts             how many hosts to simulate
 * @param firstIndex        number of the first host (names are {@code prefix + five-digit index})
 * @param prefix            host name prefix
 * @param memoryMiB         memory of each simulated host (its node XML)
 * @param cpus              CPUs of each simulated host (its node XML)
 * @param cpuModel          the CPU model the node XML reports
 * @param stateDir          per-host credentials and node XML files
 * @param imageDir          the agents' image directory; holds {@code kit/vmlinuz} and {@code kit/initrd.gz}
 * @param heartbeatInterval passed to every agent
 * @param reportInterval    passed to every agent
 * @param rampPerSecond     how many agents start dialling per second
 * @param commandThreads    the command pool shared by all agents
 * @param timerThreads      the heartbeat/report scheduler shared by all agents
 * @param httpThreads       the executor of the one HTTP client all agents share
 * @param progressInterval  how often progress is printed while hosts connect
 * @param perAgentPools     wire each agent as the standalone agent does (its own command pool and timers), to
 *                          measure what sharing saves
 * @param verbose           the agents' INFO logs (off: warnings only)
 * @param preloadVms        running domains every host has from the start (in its node XML), with ids from
 *                          {@link #preloadedVmId}: to measure monitoring load without starting them one by one
 */
public record FleetOptions(URI engineUrl, Optional<String> enrollmentToken, int hosts, int firstIndex, String prefix,
                           long memoryMiB, int cpus, String cpuModel, Path stateDir, Path imageDir,
                           Duration heartbeatInterval, Duration reportInterval, int rampPerSecond,
                           int commandThreads, int timerThreads, int httpThreads, Duration progressInterval,
                           boolean perAgentPools, boolean verbose, int preloadVms) {

    public static final String USAGE = """
            usage: fleet-sim/run.sh [options]
              --engine-url URL          engine base URL (http://127.0.0.1:8080)
              --token TOKEN             enrolment token (the engine's vireo.enrollment.token)
              --hosts N                 simulated hosts (10)
              --first I                 index of the first host (1)
              --prefix P                host name prefix (sim-): hosts are sim-00001, sim-00002, ...
              --memory-mib M            memory per host (262144)
              --cpus C                  CPUs per host (64)
              --cpu-model NAME          CPU model per host (x86_64)
              --state-dir DIR           credentials and node XML (a new temp dir); reuse it to reconnect
                                        the same hosts without enrolling again
              --image-dir DIR           the agents' image dir ({state-dir}/images); kit/vmlinuz and
                                        kit/initrd.gz are created there (empty) when missing
              --heartbeat-interval D    agent heartbeat interval (5s)
              --report-interval D       agent state report interval (30s)
              --ramp R                  agents started per second (200)
              --command-threads T       command pool shared by all agents (4)
              --timer-threads T         heartbeat/report scheduler shared by all agents (2)
              --http-threads T          executor of the shared HTTP client (2)
              --progress-interval D     progress line while connecting (2s)
              --per-agent-pools         each agent gets its own pools, as a standalone agent (to compare)
              --verbose                 the agents' INFO log lines
              --preload-vms N           N running domains per host from the start (0); their uuids are
                                        name-based: "vireo-fleet/" + host name + "/" + index
            durations: 500ms, 5s, 2m, 1h""";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,240}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._-]{1,31}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    public FleetOptions {
        if (hosts < 1 || firstIndex < 0 || (long) firstIndex + hosts - 1 > 99_999) {
            throw new IllegalArgumentException("--hosts must be at least 1 and host numbers at most 99999");
        }
        if (!NAME.matcher(prefix).matches() && !prefix.isEmpty()) {
            throw new IllegalArgumentException("--prefix must start a DNS-style host name (letters, digits, '.', '_', '-')");
        }
        if (memoryMiB < 1 || memoryMiB > Long.MAX_VALUE / 1024 || cpus < 1) {
            throw new IllegalArgumentException("--memory-mib and --cpus must be positive");
        }
        if (!MODEL.matcher(cpuModel).matches()) {
            throw new IllegalArgumentException("--cpu-model must be 1-31 letters, digits, '.', '_' or '-'");
        }
        if (preloadVms < 0 || preloadVms > 1000) {
            throw new IllegalArgumentException("--preload-vms must be 0 to 1000");
        }
        if (rampPerSecond < 1 || commandThreads < 1 || timerThreads < 1 || httpThreads < 1) {
            throw new IllegalArgumentException("--ramp and the thread counts must be positive");
        }
        for (Duration d : new Duration[]{heartbeatInterval, reportInterval, progressInterval}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
        stateDir = stateDir.toAbsolutePath().normalize();
        imageDir = imageDir.toAbsolutePath().normalize();
    }

    /** A host's name: prefix and a five-digit number, so names sort and stay the same across runs. */
    public String hostName(int i) {
        return prefix + String.format(Locale.ROOT, "%05d", firstIndex + i);
    }

    /** The uuid of preloaded domain {@code vm} (0-based) of host {@code i}: what a benchmark registers as the VM's id. */
    public UUID preloadedVmId(int i, int vm) {
        return UUID.nameUUIDFromBytes(("vireo-fleet/" + hostName(i) + "/" + vm).getBytes(StandardCharsets.UTF_8));
    }

    public static FleetOptions parse(String... args) throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (key.equals("per-agent-pools") || key.equals("verbose") || key.equals("help")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            v.put(key, value);
        }
        if (v.containsKey("help")) {
            throw new IllegalArgumentException("help");
        }
        Path stateDir = v.containsKey("state-dir") ? Path.of(v.remove("state-dir"))
                : Files.createTempDirectory("vireo-fleet-");
        Path imageDir = v.containsKey("image-dir") ? Path.of(v.remove("image-dir")) : stateDir.resolve("images");
        FleetOptions options = new FleetOptions(
                URI.create(v.getOrDefault("engine-url", "http://127.0.0.1:8080")),
                Optional.ofNullable(v.get("token")).filter(t -> !t.isBlank()),
                integer(v, "hosts", 10),
                integer(v, "first", 1),
                v.getOrDefault("prefix", "sim-"),
                Long.parseLong(v.getOrDefault("memory-mib", "262144")),
                integer(v, "cpus", 64),
                v.getOrDefault("cpu-model", "x86_64"),
                stateDir,
                imageDir,
                duration(v.getOrDefault("heartbeat-interval", "5s")),
                duration(v.getOrDefault("report-interval", "30s")),
                integer(v, "ramp", 200),
                integer(v, "command-threads", 4),
                integer(v, "timer-threads", 2),
                integer(v, "http-threads", 2),
                duration(v.getOrDefault("progress-interval", "2s")),
                Boolean.parseBoolean(v.getOrDefault("per-agent-pools", "false")),
                Boolean.parseBoolean(v.getOrDefault("verbose", "false")),
                integer(v, "preload-vms", 0));
        for (String known : new String[]{"engine-url", "token", "hosts", "first", "prefix", "memory-mib", "cpus",
                "cpu-model", "heartbeat-interval", "report-interval", "ramp", "command-threads", "timer-threads",
                "http-threads", "progress-interval", "per-agent-pools", "verbose", "preload-vms"}) {
            v.remove(known);
        }
        if (!v.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + v.keySet().iterator().next());
        }
        return options;
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not " + value);
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (500ms, 5s, 2m, 1h): " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
