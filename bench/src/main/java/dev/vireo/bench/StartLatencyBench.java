package dev.vireo.bench;

import dev.vireo.systemtests.Api;
import dev.vireo.systemtests.Lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What Vireo adds to starting a VM: wall time from {@code POST /vms/{id}/start} to RUNNING in the API,
 * next to a raw {@code virsh create} of the very domain XML the agent rendered, on the same lab host. Also
 * the engine's start time and the idle RSS of engine and agent. Prints the figures; nothing is asserted.
 */
public final class StartLatencyBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (Lab lab = Lab.start("bench-host1")) {
            Api api = lab.api;
            System.out.printf(Locale.ROOT, "engine start (spawn -> /q/health/ready): %d ms%n", lab.engineStartTime.toMillis());

            List<Long> vireo = new ArrayList<>();
            String xml = null;
            for (int i = 0; i <= runs; i++) {   // run 0 warms up (libvirt's first capability probe)
                String id = api.post("/api/v1/vms", "{\"name\":\"bench-" + i + "\",\"memoryMiB\":128,\"vcpus\":1}")
                        .json().path("id").asText();
                long t0 = System.nanoTime();
                var started = api.post("/api/v1/vms/" + id + "/start", null);
                if (started.status() != 202) {
                    throw new IllegalStateException("start failed: " + started.body());
                }
                while (!"RUNNING".equals(api.get("/api/v1/vms/" + id).json().path("status").asText())) {
                    Thread.sleep(2);
                    if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
                        throw new IllegalStateException("VM did not run within 60 s");
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i > 0) {
                    vireo.add(ms);
                }
                if (i == runs) {
                    xml = lab.virsh("dumpxml", "--inactive", "vireo-" + id);
                }
                api.post("/api/v1/vms/" + id + "/poweroff", null);
                api.await("/api/v1/vms/" + id, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
                api.delete("/api/v1/vms/" + id);
            }

            Path file = lab.work.resolve("domain.xml");
            Files.writeString(file, xml);
            String script = "for i in $(seq " + runs + "); do s=$(date +%s%N); virsh -q -c qemu:///system create "
                    + file + " >/dev/null || exit 1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ));"
                    + " virsh -q -c qemu:///system destroy $(virsh -q -c qemu:///system list --name | head -1) >/dev/null; sleep 0.5; done";
            List<Long> raw = new ArrayList<>();
            for (String line : lab.onHost("bash", "-c", script).split("\n")) {
                if (line.matches("\\d+")) {
                    raw.add(Long.parseLong(line));
                }
            }

            Thread.sleep(10_000);   // idle
            System.out.printf(Locale.ROOT, "start -> RUNNING via Vireo API: %s%n", stats(vireo));
            System.out.printf(Locale.ROOT, "raw virsh create (same XML):     %s%n", stats(raw));
            System.out.printf(Locale.ROOT, "overhead (median difference):   %d ms%n", median(vireo) - median(raw));
            System.out.printf(Locale.ROOT, "idle RSS: engine %d MiB (with its embedded PostgreSQL outside it), agent %d MiB%n",
                    rssMiB(lab.enginePid()), rssMiB(lab.agentPid()));
        }
    }

    private static String stats(List<Long> ms) {
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %d ms, min %d ms, max %d ms over %d runs %s",
                median(ms), s.get(0), s.get(s.size() - 1), s.size(), ms);
    }

    private static long median(List<Long> ms) {
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return s.get(s.size() / 2);
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
