package dev.vireo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.systemtests.Lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live migration driven by the engine next to a raw {@code virsh migrate --live --p2p} of the same guest
 * between the same two lab hosts (each a libvirtd in its own network namespace): wall time and the
 * downtime QEMU reports. Prints the figures; nothing is asserted.
 */
public final class MigrationBench {
    private static final Pattern DOWNTIME = Pattern.compile("downtime (\\d+) ms");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        try (Lab lab = Lab.startNetnsHosts("bench-a", "10.78.0.31", "bench-b", "10.78.0.32")) {
            String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-bench\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
            lab.api.post("/api/v1/vms/" + vm + "/start", null);
            lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60), "RUNNING");
            Thread.sleep(5000);   // let the guest finish booting

            List<Long> wall = new ArrayList<>();
            List<Long> downtime = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", null).json().path("id").asText();
                JsonNode done = lab.api.await("/api/v1/jobs/" + job, j -> j.path("status").asText().matches("SUCCEEDED|FAILED"),
                        Duration.ofSeconds(120), "migration");
                wall.add((System.nanoTime() - t0) / 1_000_000);
                Matcher m = DOWNTIME.matcher(done.path("message").asText());
                if (m.find()) {
                    downtime.add(Long.parseLong(m.group(1)));
                }
            }

            String host = lab.api.get("/api/v1/vms/" + vm).json().path("hostName").asText();
            String[] hosts = {"bench-a", "bench-b"};
            String[] addresses = {"10.78.0.31", "10.78.0.32"};
            int at = host.equals("bench-a") ? 0 : 1;
            List<Long> rawWall = new ArrayList<>();
            List<Long> rawDowntime = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int to = 1 - at;
                long t0 = System.nanoTime();
                lab.virshOn(hosts[at], "migrate", "--live", "--p2p", "--persistent",
                        "--undefinesource", "--unsafe", "vireo-" + vm, "qemu+tcp://" + addresses[to] + "/system");
                rawWall.add((System.nanoTime() - t0) / 1_000_000);
                String info = lab.virshOn(hosts[to], "domjobinfo", "--completed", "vireo-" + vm);
                Matcher m = Pattern.compile("Total downtime:\\s+(\\d+)\\s+ms").matcher(info);
                if (m.find()) {
                    rawDowntime.add(Long.parseLong(m.group(1)));
                }
                at = to;
            }
            System.out.printf(Locale.ROOT, "engine-driven live migration (POST migrate -> job SUCCEEDED): wall %s; downtime %s%n",
                    stats(wall), stats(downtime));
            System.out.printf(Locale.ROOT, "raw virsh migrate --live --p2p (same guest, same hosts):       wall %s; downtime %s%n",
                    stats(rawWall), stats(rawDowntime));
            evacuation(lab);
        }
    }

    /** Four running VMs on one host, then maintenance: the time until the evacuation job ends. */
    private static void evacuation(Lab lab) {
        String source = lab.api.hostId("bench-a");
        for (int i = 1; i <= 4; i++) {
            String vm = lab.api.post("/api/v1/vms", "{\"name\":\"evac-" + i + "\",\"memoryMiB\":128,\"vcpus\":1}")
                    .json().path("id").asText();
            lab.api.post("/api/v1/vms/" + vm + "/start", null);
            JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "RUNNING");
            if (!source.equals(running.path("hostId").asText())) {
                String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + source + "\"}").json().path("id").asText();
                lab.api.await("/api/v1/jobs/" + job, j -> "SUCCEEDED".equals(j.path("status").asText()), Duration.ofSeconds(120), "onto bench-a");
            }
        }
        JsonNode policy = lab.api.get("/api/v1/clusters/" + lab.api.get("/api/v1/hosts/" + source).json().path("clusterId").asText()
                + "/migration").json();
        long t0 = System.nanoTime();
        String job = lab.api.post("/api/v1/hosts/" + source + "/maintenance", null).json().path("id").asText();
        JsonNode done = lab.api.await("/api/v1/jobs/" + job, j -> j.path("status").asText().matches("SUCCEEDED|FAILED"),
                Duration.ofSeconds(300), "evacuation done");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "evacuation of a host with 4 running VMs (maintenance -> job %s): %d ms"
                + " (cluster migration policy: %s)%n", done.path("status").asText(), ms, policy);
    }

    private static String stats(List<Long> ms) {
        if (ms.isEmpty()) {
            return "n/a";
        }
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %d ms (min %d, max %d, %d runs)", s.get(s.size() / 2), s.get(0),
                s.get(s.size() - 1), s.size());
    }
}
