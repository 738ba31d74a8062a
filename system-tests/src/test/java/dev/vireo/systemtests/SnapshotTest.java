package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of a real guest with a real qcow2 disk. The guest kit prints "GUEST-DISK-READ <first 64 bytes of
 * vda>" at boot and, with "vireo.disk-stamp" on its command line, writes its stamp there (kit format 4: with
 * a counter, at boot and every tick); it prints "tick <uptime>" every 2 s.
 * <ol>
 *   <li>Disk-only snapshots of the VM while it is down: one of the empty disk, one once the guest stamped it.
 *   The guest then writes on; a revert brings back what the disk held at the snapshot, as the next boot
 *   reads, and the revert to the empty disk's snapshot brings back an empty disk (meaningful whatever the
 *   kit format: any stamp at all would show).</li>
 *   <li>A snapshot with memory of the running guest: after the revert the guest is RUNNING and its uptime
 *   goes on from the snapshot's moment, lower than just before the revert.</li>
 *   <li>Deleting snapshots while the VM runs (through QEMU) and while it is down (qemu-img); what is
 *   refused.</li>
 * </ol>
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotTest {
    private static final Pattern READ = Pattern.compile("GUEST-DISK-READ ?([^\r\n]*)");
    private static final Pattern TICK = Pattern.compile("tick (\\d+(?:\\.\\d+)?)");
    private static Lab lab;
    private static String vm;
    private static String diskPath;
    private static String emptySnapshot;
    private static String stampedSnapshot;
    private static String stampedContent;
    private static String liveSnapshot;
    private static long t0;

    @BeforeAll
    static void start() throws Exception {
        t0 = System.nanoTime();
        lab = Lab.start("snap-host1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
        System.out.printf("SnapshotTest: %d s in all, lab start included%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    @Test
    @Order(1)
    void aDownVmsDiskSnapshotBringsBackWhatTheDiskHeld() throws Exception {
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"snap-disk\",\"sizeMiB\":16}");
        assertEquals(201, disk.status(), disk.body());
        String diskId = disk.json().path("id").asText();
        diskPath = Lab.IMAGES.resolve("domains/default/" + diskId + ".qcow2").toString();
        String kit = Lab.IMAGES.resolve("kit").toString();
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"snap-vm\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 console=tty0 vireo.disk-stamp\"}}");
        assertEquals(201, created.status(), created.body());
        vm = created.json().path("id").asText();

        var none = lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"too early\"}");
        assertEquals(409, none.status(), none.body());
        assertEquals("VM snap-vm has no disk to snapshot", none.json().path("detail").asText());
        assertEquals(200, lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + diskId + "\"}").status());

        emptySnapshot = snapshot("empty", "the disk as it was made", false);
        String firstRead = boot(1);
        assertEquals("", firstRead, "a new disk reads empty");
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-WROTE STAMP-" + vm, 1);
        LabGuest.powerOff(lab.api, vm);

        stampedSnapshot = snapshot("stamped", "after the first boot <with> \"odd\" & text", false);
        assertTrue(inDisk().contains(stampedSnapshot), inDisk());
        assertTrue(lab.virsh("snapshot-list", "vireo-" + vm, "--name").isBlank(), "libvirt keeps no metadata");
        // the second boot reads what the snapshot holds, then the guest writes on (kit format 4: a higher count)
        int wrote = LabGuest.count(LabGuest.serial(lab.api, vm), "GUEST-DISK-WROTE");
        stampedContent = boot(2);
        assertTrue(stampedContent.startsWith("STAMP-" + vm), stampedContent);
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-WROTE", wrote + 1);
        LabGuest.powerOff(lab.api, vm);
        String lastWrite = lastMatch(Pattern.compile("GUEST-DISK-WROTE ([^\r\n]*)"), LabGuest.serial(lab.api, vm)).strip();
        System.out.printf("the disk held %s at the snapshot; the guest then wrote up to %s%n", stampedContent, lastWrite);

        long reverting = System.nanoTime();
        JsonNode job = LabGuest.awaitJob(lab.api, post("/api/v1/vms/" + vm + "/snapshots/" + stampedSnapshot + "/revert"));
        System.out.printf("disk-only revert of a DOWN VM: job %s in %d ms%n", job.path("status").asText(),
                (System.nanoTime() - reverting) / 1_000_000);
        assertEquals("DOWN", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());
        assertEquals(stampedContent, boot(3), "after the revert the disk holds what it held at the snapshot");
        LabGuest.powerOff(lab.api, vm);

        LabGuest.awaitJob(lab.api, post("/api/v1/vms/" + vm + "/snapshots/" + emptySnapshot + "/revert"));
        assertEquals("", boot(4), "reverted to the snapshot of the new disk, the disk is empty again");
    }

    @Test
    @Order(2)
    void aRunningGuestRevertedToItsMemorySnapshotGoesOnFromThere() throws Exception {
        // the VM runs from the last test; let its uptime grow a little
        awaitTickAbove(8);
        var refused = lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"no memory\",\"withMemory\":false}");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().path("detail").asText().contains("includes its memory"), refused.body());

        double before = lastTick();
        long snapping = System.nanoTime();
        liveSnapshot = snapshot("live", "while it runs", true);
        long snapMs = (System.nanoTime() - snapping) / 1_000_000;
        double after = awaitTickAbove(before);
        System.out.printf("memory snapshot of a running guest (128 MiB): %d ms from request to job done; uptime %.2f..%.2f%n",
                snapMs, before, after);
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText(),
                "a snapshot pauses the guest only while its memory is saved");
        assertTrue(lab.virsh("snapshot-list", "vireo-" + vm, "--name").isBlank(), "libvirt keeps no metadata");
        assertTrue(lab.api.get("/api/v1/events?objectId=" + vm).body().contains("snapshot 'live' made on host snap-host1"));

        double beforeRevert = awaitTickAbove(after + 10);
        int ticksBefore = ticks().size();
        long reverting = System.nanoTime();
        JsonNode job = LabGuest.awaitJob(lab.api, post("/api/v1/vms/" + vm + "/snapshots/" + liveSnapshot + "/revert"));
        System.out.printf("memory revert of a running guest: %d ms; job: %s%n", (System.nanoTime() - reverting) / 1_000_000,
                job.path("message").asText());
        JsonNode running = lab.api.get("/api/v1/vms/" + vm).json();
        assertEquals("RUNNING", running.path("status").asText(), running.toString());
        assertFalse(running.path("hostId").isNull(), running.toString());

        // the next ticks restart from the snapshot's uptime, below the last one before the revert, and go on
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ticks().size() < ticksBefore + 3 && System.nanoTime() < deadline) {
            Api.sleep(300);
        }
        List<Double> ticks = ticks();
        int drop = -1;
        for (int i = ticks.size() - 1; i > 0; i--) {
            if (ticks.get(i) < ticks.get(i - 1)) {
                drop = i;
                break;
            }
        }
        assertTrue(drop > 0, "the uptime went back at the revert: " + ticks.subList(Math.max(0, ticks.size() - 12), ticks.size()));
        double lastBefore = ticks.get(drop - 1);
        double firstAfter = ticks.get(drop);
        System.out.printf("uptime before the revert %.2f, after it %.2f (snapshot taken at %.2f..%.2f)%n",
                lastBefore, firstAfter, before, after);
        assertTrue(lastBefore >= beforeRevert, lastBefore + " vs " + beforeRevert);
        assertTrue(firstAfter >= before && firstAfter <= after + 2.5,
                "the guest goes on from the snapshot's moment (" + before + ".." + after + "), not " + firstAfter);
        assertTrue(ticks.get(ticks.size() - 1) > firstAfter, "and keeps running: " + ticks.subList(drop, ticks.size()));
        assertTrue(lab.virsh("snapshot-list", "vireo-" + vm, "--name").isBlank(), "no metadata after the revert either");
    }

    @Test
    @Order(3)
    void snapshotsAreDeletedWhileTheVmRunsAndWhileItIsDown() throws Exception {
        // a disk-only snapshot made while the VM was down goes while it runs: libvirt deletes it through QEMU
        assertTrue(inDisk().contains(emptySnapshot), inDisk());
        LabGuest.awaitJob(lab.api, lab.api.delete("/api/v1/vms/" + vm + "/snapshots/" + emptySnapshot));
        assertFalse(inDisk().contains(emptySnapshot), inDisk());
        // and so does a memory snapshot
        LabGuest.awaitJob(lab.api, lab.api.delete("/api/v1/vms/" + vm + "/snapshots/" + liveSnapshot));
        assertFalse(inDisk().contains(liveSnapshot), inDisk());
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());

        LabGuest.powerOff(lab.api, vm);
        var memoryOfDownVm = lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"no memory here\",\"withMemory\":true}");
        assertEquals(409, memoryOfDownVm.status(), memoryOfDownVm.body());
        // alice may not see the VM; granted its use, she lists and reverts, but deletes nothing
        assertEquals(404, lab.apiAs("alice").get("/api/v1/vms/" + vm + "/snapshots").status());
        assertEquals(201, lab.api.post("/api/v1/permissions", "{\"principalKind\":\"USER\",\"principal\":\"alice\","
                + "\"role\":\"USER\",\"objectKind\":\"VM\",\"objectId\":\"" + vm + "\"}").status());
        var listed = lab.apiAs("alice").get("/api/v1/vms/" + vm + "/snapshots");
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of("stamped"), listed.json().findValuesAsText("name"));
        assertEquals(403, lab.apiAs("alice").delete("/api/v1/vms/" + vm + "/snapshots/" + stampedSnapshot).status());

        LabGuest.awaitJob(lab.api, lab.api.delete("/api/v1/vms/" + vm + "/snapshots/" + stampedSnapshot));
        assertFalse(inDisk().contains(stampedSnapshot), inDisk());
        assertEquals(0, lab.api.get("/api/v1/vms/" + vm + "/snapshots").json().size());
        String events = lab.api.get("/api/v1/events?objectId=" + vm + "&limit=200").body();
        assertTrue(events.contains("\"actor\":\"admin\"") && events.contains("vm.snapshot-revert"), events);
    }

    /** Makes a snapshot and waits for its job; returns its id. */
    private static String snapshot(String name, String description, boolean withMemory) {
        var answer = lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"" + name + "\",\"description\":"
                + Api.JSON.valueToTree(description) + ",\"withMemory\":" + withMemory + "}");
        JsonNode job = LabGuest.awaitJob(lab.api, answer);
        assertTrue(job.path("message").asText().startsWith("snapshot "), job.toString());
        for (JsonNode s : lab.api.get("/api/v1/vms/" + vm + "/snapshots").json()) {
            if (name.equals(s.path("name").asText())) {
                assertEquals("OK", s.path("status").asText(), s.toString());
                assertEquals(withMemory, s.path("withMemory").asBoolean());
                assertEquals(description, s.path("description").asText());
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no snapshot " + name + " listed");
    }

    private static Api.Answer post(String path) {
        return lab.api.post(path, null);
    }

    /** Starts the VM and returns what its disk held at its {@code n}-th boot (the n-th READ line of its log). */
    private static String boot(int n) {
        var started = lab.api.post("/api/v1/vms/" + vm + "/start", null);
        assertEquals(202, started.status(), started.body());
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-READ", n);
        List<String> reads = new ArrayList<>();
        Matcher m = READ.matcher(LabGuest.serial(lab.api, vm));
        while (m.find()) {
            reads.add(m.group(1).strip());
        }
        return reads.get(n - 1);
    }

    private static double awaitTickAbove(double uptime) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            double last = lastTick();
            if (last > uptime) {
                return last;
            }
            Api.sleep(300);
        }
        throw new AssertionError("the guest's uptime never passed " + uptime + "; ticks " + ticks());
    }

    private static double lastTick() {
        List<Double> ticks = ticks();
        return ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1);
    }

    private static List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        Matcher m = TICK.matcher(LabGuest.serial(lab.api, vm));
        while (m.find()) {
            ticks.add(Double.parseDouble(m.group(1)));
        }
        return ticks;
    }

    private static String lastMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** The snapshots inside the VM's disk, as qemu-img lists them on the host (shared while QEMU runs). */
    private static String inDisk() throws Exception {
        return lab.onHost("qemu-img", "snapshot", "-l", "-U", diskPath);
    }

}
