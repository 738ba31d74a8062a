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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disks and templates with real qcow2 files and real guests: a VM stamps its disk, becomes a template,
 * three thin clones are made from it (by a user, self-service), and each clone's writes stay its own.
 * The guest kit's init prints what the first 64 bytes of its disk hold and, with "vireo.disk-stamp" on
 * its command line, writes "STAMP-<its VM id>" there.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageTemplateTest {
    private static Lab lab;
    private static String baseVm;
    private static String diskId;
    private static String templateId;
    private static final List<String> clones = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("storage-host1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aVmWithADiskWritesToIt() {
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"base-disk\",\"sizeMiB\":16}");
        assertEquals(201, disk.status(), disk.body());
        diskId = disk.json().path("id").asText();
        assertEquals(16L << 20, disk.json().path("sizeBytes").asLong());
        assertTrue(disk.json().path("actualBytes").asLong() < 4L << 20, "thin: " + disk.body());

        String kit = Lab.IMAGES.resolve("kit").toString();
        var vm = lab.api.post("/api/v1/vms", "{\"name\":\"stamp-base\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 console=tty0 vireo.disk-stamp\"}}");
        assertEquals(201, vm.status(), vm.body());
        baseVm = vm.json().path("id").asText();
        var attached = lab.api.post("/api/v1/vms/" + baseVm + "/disks", "{\"diskId\":\"" + diskId + "\"}");
        assertEquals(200, attached.status(), attached.body());
        assertEquals(409, lab.api.post("/api/v1/vms/" + baseVm + "/disks", "{\"diskId\":\"" + diskId + "\"}").status(),
                "a disk attaches once");
        bootAndAwait(baseVm, "GUEST-DISK-WROTE STAMP-" + baseVm);
        assertTrue(java.util.regex.Pattern.compile("GUEST-DISK-READ *\r?\n").matcher(serial(baseVm)).find(),
                "a new disk reads empty: " + serial(baseVm));
        powerOff(baseVm);
        assertEquals(409, lab.api.delete("/api/v1/disks/" + diskId).status(), "an attached disk is not deleted");
    }

    @Test
    @Order(2)
    void aTemplateIsMadeFromTheStoppedVmAndUsersCloneItThinly() {
        var template = lab.api.post("/api/v1/templates", "{\"vmId\":\"" + baseVm + "\",\"name\":\"stamped\"}");
        assertEquals(201, template.status(), template.body());
        templateId = template.json().path("id").asText();
        String baseDisk = template.json().path("diskId").asText();
        assertFalse(baseDisk.isEmpty() || baseDisk.equals(diskId), "the template has its own base disk: " + template.body());

        var templates = lab.apiAs("alice").get("/api/v1/templates");
        assertEquals(200, templates.status());
        assertTrue(templates.json().findValuesAsText("name").containsAll(List.of("stamped", "tiny-guest")), templates.body());
        for (int i = 1; i <= 3; i++) {
            long t0 = System.nanoTime();
            var clone = lab.apiAs("alice").post("/api/v1/vms", "{\"name\":\"clone-" + i + "\",\"memoryMiB\":128,\"vcpus\":1,"
                    + "\"templateId\":\"" + templateId + "\"}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(201, clone.status(), clone.body());
            System.out.printf("thin clone %d created in %d ms%n", i, ms);
            String id = clone.json().path("id").asText();
            clones.add(id);
            JsonNode disks = lab.apiAs("alice").get("/api/v1/vms/" + id + "/disks").json();
            assertEquals(1, disks.size(), disks.toString());
            assertEquals(baseDisk, disks.get(0).path("backingDiskId").asText(), "a thin clone of the template's base");
        }
        var inUse = lab.api.delete("/api/v1/templates/" + templateId);
        assertEquals(409, inUse.status(), inUse.body());
        assertTrue(inUse.json().path("detail").asText().contains("clone-1"), inUse.body());
    }

    @Test
    @Order(3)
    void eachClonesWritesStayItsOwn() {
        String first = clones.get(0);
        String second = clones.get(1);
        // the first clone starts from the template's content, then stamps its own disk
        bootAndAwait(first, "GUEST-DISK-WROTE STAMP-" + first);
        assertTrue(serial(first).contains("GUEST-DISK-READ STAMP-" + baseVm), serial(first));
        powerOff(first);
        // booted again, it finds its own stamp: its write persisted in its own volume
        bootAndAwaitCount(first, "GUEST-DISK-READ STAMP-" + first, 1);
        powerOff(first);
        // the second clone still sees only the template's content
        bootAndAwait(second, "GUEST-DISK-WROTE STAMP-" + second);
        String log = serial(second);
        assertTrue(log.contains("GUEST-DISK-READ STAMP-" + baseVm), log);
        assertFalse(log.contains(first), "the first clone's write is not in the second clone: " + log);
        powerOff(second);
    }

    @Test
    @Order(4)
    void badStorageInputIsRefusedAndNothingIsLost() {
        assertEquals(400, lab.api.post("/api/v1/disks", "{\"name\":\"zero\",\"sizeMiB\":0}").status());
        assertEquals(400, lab.api.post("/api/v1/disks", "{\"name\":\"huge\",\"sizeMiB\":10737418240}").status(), "10 PiB");
        assertEquals(400, lab.api.post("/api/v1/disks", "{\"name\":\"../../etc/passwd\",\"sizeMiB\":16}").status());
        assertEquals(422, lab.api.post("/api/v1/storagedomains", "{\"name\":\"evil\",\"path\":\"/var/lib/vireo/images/../../../etc\"}").status());
        assertEquals(422, lab.api.post("/api/v1/storagedomains", "{\"name\":\"outside\",\"path\":\"/etc/vireo\"}").status());
        assertEquals(403, lab.apiAs("alice").post("/api/v1/disks", "{\"name\":\"mine\",\"sizeMiB\":16}").status());
        assertEquals(422, lab.api.post("/api/v1/disks/" + diskId + "/resize", "{\"sizeMiB\":8}").status(), "disks only grow");
        var grown = lab.api.post("/api/v1/disks/" + diskId + "/resize", "{\"sizeMiB\":32}");
        assertEquals(200, grown.status(), grown.body());
        assertEquals(32L << 20, grown.json().path("sizeBytes").asLong());
        // the template is still whole and its clones still boot from it
        assertEquals(200, lab.api.get("/api/v1/templates/" + templateId).status());
        assertEquals(3, lab.api.get("/api/v1/templates/" + templateId).json().path("clones").asInt());
    }

    @Test
    @Order(5)
    void aSavedGuestResumesWhereItWasWithoutBootingAgain() {
        String vm = clones.get(2);
        bootAndAwait(vm, "GUEST-DISK-WROTE STAMP-" + vm);
        double before = awaitTickAbove(vm, 4);
        var save = lab.api.post("/api/v1/vms/" + vm + "/save", null);
        assertEquals(202, save.status(), save.body());
        JsonNode job = lab.api.await("/api/v1/jobs/" + save.json().path("id").asText(),
                j -> j.path("status").asText().matches("SUCCEEDED|FAILED"), Duration.ofSeconds(120), "save done");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        JsonNode saved = lab.api.get("/api/v1/vms/" + vm).json();
        assertEquals("DOWN", saved.path("status").asText(), saved.toString());
        assertTrue(saved.path("saved").asBoolean(), saved.toString());
        int boots = LabGuest.count(serial(vm), "GUEST-BOOTED");

        var start = lab.api.post("/api/v1/vms/" + vm + "/start", null);
        assertEquals(202, start.status(), start.body());
        lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60), "RUNNING");
        double after = awaitTickAbove(vm, before);
        assertTrue(after > before, "its uptime goes on: " + before + " -> " + after);
        assertEquals(boots, LabGuest.count(serial(vm), "GUEST-BOOTED"), "no second boot: " + serial(vm));
        assertFalse(lab.api.get("/api/v1/vms/" + vm).json().path("saved").asBoolean(), "the saved state is spent");
        powerOff(vm);
    }

    /** Waits for a "tick <uptime>" line above {@code than} seconds; returns the latest uptime. */
    private static double awaitTickAbove(String vm, double than) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("tick ([0-9.]+)").matcher(serial(vm));
            double latest = -1;
            while (m.find()) {
                latest = Double.parseDouble(m.group(1));
            }
            if (latest > than) {
                return latest;
            }
            Api.sleep(500);
        }
        throw new AssertionError("no tick above " + than + "; log: " + serial(vm));
    }

    private static String serial(String vm) {
        return lab.api.get("/api/v1/vms/" + vm + "/console-log").body();
    }

    private static void bootAndAwait(String vm, String text) {
        bootAndAwaitCount(vm, text, 1);
    }

    private static void bootAndAwaitCount(String vm, String text, int times) {
        var started = lab.api.post("/api/v1/vms/" + vm + "/start", null);
        assertEquals(202, started.status(), started.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            var log = lab.api.get("/api/v1/vms/" + vm + "/console-log");
            if (log.status() == 200 && LabGuest.count(log.body(), text) >= times) {
                return;
            }
            Api.sleep(300);
        }
        throw new AssertionError("VM " + vm + " never printed '" + text + "'; log: " + serial(vm));
    }

    private static void powerOff(String vm) {
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), vm + " DOWN");
    }
}
