package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live migration of a real guest whose boot disk is on a non-shared storage domain, between two lab hosts in
 * their own network namespaces. The domain's path is under /var/lib/libvirt, which every lab host has privately
 * (lab/host.sh bind-mounts its own state directory there): the same path, different files on each host, as local
 * disks are. The volume is first only on the host that made it, the VM starts there, the test puts a marker
 * pattern into the volume and the guest stamps its disk every 2 s; after the migration (libvirt's copy-storage-all,
 * only the non-shared disk named to libvirt) the destination's volume has the marker, the guest goes on stamping
 * there, and a boot on the destination reads the destination's last stamp. The source's copy is removed, so the
 * VM migrates back too. The VM also has a plain and a shareable disk on the shared default domain, which are not
 * copied (a copy onto themselves would fail on QEMU's image locks).
 */
@Tag("lab")
class NonSharedMigrationTest {
    private static final String LOCAL = "/var/lib/libvirt/vireo-local";
    private static final Pattern WROTE = Pattern.compile("GUEST-DISK-WROTE STAMP-[0-9a-f-]{36}-(\\d+)");
    private static final Pattern READ = Pattern.compile("GUEST-DISK-READ STAMP-[0-9a-f-]{36}-(\\d+)");
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        String dirs = Lab.IMAGES + ",/var/lib/libvirt";
        lab = Lab.startNetnsHosts(List.of("-Dvireo.image-dirs=" + dirs), List.of("-Dvireo.agent.image-dirs=" + dirs),
                "nsm-a", "10.78.0.41", "nsm-b", "10.78.0.42");
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aGuestWithADiskOnNonSharedStorageMigratesWithItsDiskCopied() throws Exception {
        var domain = lab.api.post("/api/v1/storagedomains", "{\"name\":\"local\",\"path\":\"" + LOCAL + "\",\"shared\":false}");
        assertEquals(201, domain.status(), domain.body());
        assertFalse(domain.json().path("shared").asBoolean(true), domain.body());
        var created = lab.api.post("/api/v1/disks", "{\"name\":\"local-boot\",\"sizeMiB\":16,\"storageDomainId\":\""
                + domain.json().path("id").asText() + "\"}");
        assertEquals(201, created.status(), created.body());
        String disk = created.json().path("id").asText();
        String holder = hostName(created.json().path("hostId").asText());
        String other = holder.equals("nsm-a") ? "nsm-b" : "nsm-a";
        Path onHolder = volume(holder, disk);
        Path onOther = volume(other, disk);
        assertTrue(Files.exists(onHolder) && !Files.exists(onOther), "the volume is only on " + holder);
        // a marker the guest never overwrites (it stamps the first 64 bytes): 64 KiB of 0x5a at 1 MiB
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 1M 64k", onHolder.toString());

        String shared = lab.api.post("/api/v1/disks", "{\"name\":\"shared-data\",\"sizeMiB\":16}").json().path("id").asText();
        String shareable = lab.api.post("/api/v1/disks", "{\"name\":\"shared-sh\",\"sizeMiB\":16,\"shareable\":true}")
                .json().path("id").asText();
        String kit = Lab.IMAGES.resolve("kit").toString();
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"nsm-guest\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{"
                + "\"kernel\":\"" + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\","
                + "\"cmdline\":\"console=ttyS0 console=tty0 vireo.disk-stamp\"}}").json().path("id").asText();
        for (String d : List.of(disk, shared, shareable)) {
            var attached = lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + d + "\"}");
            assertEquals(200, attached.status(), attached.body());
        }
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        assertEquals(holder, awaitRunning(vm), "the VM starts where its non-shared disk is");
        int onSource = awaitLast(vm, WROTE, 2, "stamps on the source");

        JsonNode job = migrate(vm);
        assertEquals(other, lab.api.get("/api/v1/vms/" + vm).json().path("hostName").asText());
        System.out.println("migration with a copied disk: " + job.path("message").asText() + "; steps seen: " + steps);
        // the agent's progress, from libvirt's job info: the disk copy's figures
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("copying disks: ") || s.contains("(disks copied, ")),
                "the job told of the disk copy: " + steps);
        assertEquals(other, hostName(lab.api.get("/api/v1/disks/" + disk).json().path("hostId").asText()));
        assertTrue(Files.exists(onOther), "the destination has the volume");
        assertFalse(Files.exists(onHolder), "the source's copy is removed");
        int onDestination = awaitLast(vm, WROTE, onSource + 2, "stamps on the destination");

        // down on the destination: the marker written on the source is in its volume
        powerOff(vm);
        run("qemu-io", "-f", "qcow2", "-r", "-c", "read -P 0x5a 1M 64k", onOther.toString());
        // and the next boot, on the destination again (the disk is there now), reads its last stamp
        int reads = count(vm, READ);
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        assertEquals(other, awaitRunning(vm));
        int read = awaitRead(vm, reads);
        assertTrue(read >= onDestination, "the disk kept the destination's stamps: read " + read + ", wrote " + onDestination);

        // and back: nothing of the earlier copy is in the way
        migrate(vm);
        assertEquals(holder, lab.api.get("/api/v1/vms/" + vm).json().path("hostName").asText());
        assertTrue(Files.exists(onHolder) && !Files.exists(onOther), "the volume moved back to " + holder);
        awaitLast(vm, WROTE, read + 2, "stamps after the way back");

        powerOff(vm);
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm).status());
        assertEquals(204, lab.api.delete("/api/v1/disks/" + disk).status());
        assertFalse(Files.exists(onHolder), "deleting the disk removes its volume on its host");
    }

    private static final List<String> steps = new ArrayList<>();

    /** Migrates to the other host; the job's steps as seen while it ran are in {@link #steps}. */
    private static JsonNode migrate(String vm) {
        var started = lab.api.post("/api/v1/vms/" + vm + "/migrate", null);
        assertEquals(202, started.status(), started.body());
        String id = started.json().path("id").asText();
        steps.clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = lab.api.get("/api/v1/jobs/" + id).json();
            String step = job.path("step").asText();
            if (!step.isEmpty() && !steps.contains(step)) {
                steps.add(step);
            }
            if (job.path("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")) {
                assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
                return job;
            }
            Api.sleep(100);
        }
        throw new AssertionError("the migration did not end: " + lab.api.get("/api/v1/jobs/" + id).body());
    }

    private static Path volume(String host, String disk) throws Exception {
        return Path.of(lab.hostSh("dir", host).trim(), "lib", "vireo-local", disk + ".qcow2");
    }

    private static String hostName(String id) {
        return lab.api.get("/api/v1/hosts/" + id).json().path("name").asText();
    }

    private static String awaitRunning(String vm) {
        return lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "RUNNING").path("hostName").asText();
    }

    private static void powerOff(String vm) {
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        assertFalse(out.contains("failed"), String.join(" ", command) + ": " + out);
    }

    private static String console(String vm) {
        var log = lab.api.get("/api/v1/vms/" + vm + "/console-log?bytes=1048576");
        return log.status() == 200 ? log.body() : "";
    }

    private static int count(String vm, Pattern pattern) {
        Matcher m = pattern.matcher(console(vm));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The stamp read by a boot after the {@code before} reads seen so far. */
    private static int awaitRead(String vm, int before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READ.matcher(console(vm));
            int n = 0;
            int last = -1;
            while (m.find()) {
                n++;
                last = Integer.parseInt(m.group(1));
            }
            if (n > before) {
                return last;
            }
            Api.sleep(500);
        }
        throw new AssertionError("no new boot read its disk: " + console(vm));
    }

    /** Waits until the latest match of the pattern's counter is above {@code than}; returns it. */
    private static int awaitLast(String vm, Pattern pattern, int than, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(console(vm));
            int latest = -1;
            while (m.find()) {
                latest = Integer.parseInt(m.group(1));
            }
            if (latest > than) {
                return latest;
            }
            Api.sleep(500);
        }
        throw new AssertionError("never saw " + what + " above " + than + "; console: " + console(vm));
    }
}
