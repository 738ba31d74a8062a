package dev.vireo.bench;

import dev.vireo.systemtests.Api;
import dev.vireo.systemtests.DebianTemplate;
import dev.vireo.systemtests.Lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real OS from start to login: the debian-12 template with an SSH key and a static address (cloud-init), timed
 * from {@code POST /vms/{id}/start} to the address in {@code GET /vms/{id}/guest} and to the first successful ssh;
 * next to a raw {@code virsh create} of the same domain XML with the same cidata volume over a fresh overlay of the
 * same base image, timed to {@code virsh domifaddr --source agent} showing the address and to the first ssh. TCG on
 * the lab's 2 cores; prints the figures, asserts nothing.
 */
public final class OsBootBench {
    static final String BRIDGE = "vireoosb0";
    static final String GATEWAY = "10.82.0.1";
    static final String IP = "10.82.0.10";

    record Run(long ipMs, long sshMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        sh("ip", "link", "del", BRIDGE);   // left over from an interrupted run: fine if absent
        must("ip", "link", "add", BRIDGE, "type", "bridge");
        try (Lab lab = Lab.start("osbench-host1")) {
            must("ip", "addr", "add", GATEWAY + "/24", "dev", BRIDGE);
            must("ip", "link", "set", BRIDGE, "up");
            Api api = lab.api;
            String template = DebianTemplate.importInto(api);
            String network = api.post("/api/v1/networks", "{\"name\":\"osbench-net\",\"bridge\":\"" + BRIDGE + "\"}")
                    .json().path("id").asText();
            Path key = lab.work.resolve("bench-key");
            must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
            String publicKey = Files.readString(Path.of(key + ".pub")).strip();

            List<Run> vireo = new ArrayList<>();
            Path xml = lab.work.resolve("os-domain.xml");
            Path seed = lab.work.resolve("os-cidata.iso");
            String vmDisk = null;
            for (int i = 1; i <= runs; i++) {
                String vm = api.post("/api/v1/vms", "{\"name\":\"osbench-" + i + "\",\"templateId\":\"" + template
                        + "\",\"memoryMiB\":512,\"vcpus\":1,\"cloudInit\":{\"user\":\"bench\",\"sshAuthorizedKeys\":[\""
                        + publicKey + "\"],\"ip\":{\"address\":\"" + IP + "/24\",\"gateway\":\"" + GATEWAY + "\"}}}")
                        .json().path("id").asText();
                api.post("/api/v1/vms/" + vm + "/nics", "{\"networkId\":\"" + network + "\"}");
                long t0 = System.nanoTime();
                if (api.post("/api/v1/vms/" + vm + "/start", null).status() != 202) {
                    throw new IllegalStateException("start refused");
                }
                long ip = waitFor(t0, () -> api.get("/api/v1/vms/" + vm + "/guest").body().contains(IP + "/24"));
                long ssh = waitFor(t0, () -> sshWorks(key));
                vireo.add(new Run(ip, ssh));
                System.out.printf(Locale.ROOT, "vireo run %d: address reported %d ms, ssh %d ms%n", i, ip, ssh);
                if (i == runs) {
                    Files.writeString(xml, lab.virsh("dumpxml", "--inactive", "vireo-" + vm));
                    Files.copy(Lab.IMAGES.resolve("cidata/vireo-" + vm + ".iso"), seed);
                }
                api.post("/api/v1/vms/" + vm + "/poweroff", null);
                api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), java.time.Duration.ofSeconds(60), "DOWN");
                if (i == runs) {
                    vmDisk = between(Files.readString(xml), "<source file='", "'/>");
                }
                api.delete("/api/v1/vms/" + vm);
            }

            // raw: the same XML, the same seed, a fresh overlay of the same base for each run
            String baseDisk = api.get("/api/v1/templates/" + template).json().path("diskId").asText();
            String basePath = Lab.IMAGES.resolve("domains/default/" + baseDisk + ".qcow2").toString();
            List<Run> raw = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Path overlay = lab.work.resolve("raw-" + i + ".qcow2");
                must("qemu-img", "create", "-q", "-f", "qcow2", "-b", basePath,
                        "-F", "qcow2", overlay.toString());
                String domain = Files.readString(xml).replace(vmDisk, overlay.toString())
                        .replaceAll("<source file='[^']*cidata[^']*'/>", "<source file='" + seed + "'/>");
                Path file = lab.work.resolve("raw-" + i + ".xml");
                Files.writeString(file, domain);
                String name = between(domain, "<name>", "</name>");
                long t0 = System.nanoTime();
                lab.onHost("virsh", "-q", "-c", "qemu:///system", "create", file.toString());
                // one virsh process per look costs CPU the booting guest needs: look once a second, not every 100 ms
                long ip = waitFor(t0, 1000, () -> {
                    try {
                        return lab.onHost("virsh", "-q", "-c", "qemu:///system", "domifaddr", "--source", "agent", name)
                                .contains(IP + "/24");
                    } catch (Exception | AssertionError notYet) {   // "guest agent is not connected" while it boots
                        return false;
                    }
                });
                long ssh = waitFor(t0, () -> sshWorks(key));
                raw.add(new Run(ip, ssh));
                System.out.printf(Locale.ROOT, "raw run %d: domifaddr shows the address %d ms, ssh %d ms%n", i, ip, ssh);
                lab.onHost("virsh", "-q", "-c", "qemu:///system", "destroy", name);
                Files.deleteIfExists(overlay);
            }

            long vIp = median(vireo.stream().map(Run::ipMs).toList());
            long vSsh = median(vireo.stream().map(Run::sshMs).toList());
            long rIp = median(raw.stream().map(Run::ipMs).toList());
            long rSsh = median(raw.stream().map(Run::sshMs).toList());
            System.out.printf(Locale.ROOT, "median of %d: start -> address reported: Vireo %d ms, raw %d ms (overhead %d ms)%n",
                    runs, vIp, rIp, vIp - rIp);
            System.out.printf(Locale.ROOT, "median of %d: start -> first ssh:        Vireo %d ms, raw %d ms (overhead %d ms)%n",
                    runs, vSsh, rSsh, vSsh - rSsh);
        } finally {
            sh("ip", "link", "del", BRIDGE);
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    /** Milliseconds from t0 until the check holds, polling every 100 ms; 300 s at most. */
    static long waitFor(long t0, Check check) throws Exception {
        return waitFor(t0, 100, check);
    }

    static long waitFor(long t0, long everyMillis, Check check) throws Exception {
        while (!check.done()) {
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(300)) {
                throw new IllegalStateException("not within 300 s");
            }
            Thread.sleep(everyMillis);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static boolean sshWorks(Path key) throws Exception {
        return sh("ssh", "-i", key.toString(), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=1", "-o", "LogLevel=ERROR", "bench@" + IP, "true") == 0;
    }

    static String between(String text, String from, String to) {
        int a = text.indexOf(from) + from.length();
        return text.substring(a, text.indexOf(to, a));
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static void must(String... command) throws Exception {
        if (sh(command) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }
}
