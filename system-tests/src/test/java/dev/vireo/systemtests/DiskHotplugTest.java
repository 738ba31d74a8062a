package dev.vireo.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several disks per VM with a real guest: a second disk is hot-plugged into the running guest, whose kernel
 * finds it (virtio_blk prints "[vdb] … logical blocks" on the serial console: the VM boots without "quiet"),
 * then hot-unplugged (done once the guest released it); the boot disk cannot be unplugged; a disk attached
 * while the VM is down is there at its next boot beside the boot disk.
 */
@Tag("lab")
class DiskHotplugTest {
    private static final Pattern VDB = Pattern.compile("\\[vdb\\] \\d+ 512-byte logical blocks");
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("ova-hotplug1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSecondDiskIsHotPluggedIntoARunningGuestAndUnpluggedAgain() {
        String kit = Lab.IMAGES.resolve("kit").toString();
        String boot = newDisk("hot-boot");
        String data = newDisk("hot-data");
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"ova-hotplug-vm\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 loglevel=6\"}}");
        assertEquals(201, created.status(), created.body());
        String vm = created.json().path("id").asText();
        var attached = lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + boot + "\"}");
        assertEquals(200, attached.status(), attached.body());
        assertEquals("vda", attached.json().path("target").asText());

        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        await(vm, "GUEST-DISK-READ", "the guest reads its boot disk");
        assertTrue(!VDB.matcher(serial(vm)).find(), "no vdb before the hot-plug");

        long t0 = System.nanoTime();
        var plugged = lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + data + "\"}");
        assertEquals(200, plugged.status(), plugged.body());
        assertEquals("vdb", plugged.json().path("target").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!VDB.matcher(serial(vm)).find()) {
            assertTrue(System.nanoTime() < deadline, "the guest never found vdb: " + serial(vm));
            Api.sleep(300);
        }
        System.out.printf("hot-plug: API answered and the guest's kernel found vdb in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(2, lab.api.get("/api/v1/vms/" + vm + "/disks").json().size());

        var bootUnplug = lab.api.delete("/api/v1/vms/" + vm + "/disks/" + boot);
        assertEquals(409, bootUnplug.status(), bootUnplug.body());
        t0 = System.nanoTime();
        var unplugged = lab.api.delete("/api/v1/vms/" + vm + "/disks/" + data);
        assertEquals(204, unplugged.status(), unplugged.body());
        System.out.printf("hot-unplug: released by the guest in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(1, lab.api.get("/api/v1/vms/" + vm + "/disks").json().size());
        assertTrue(lab.api.get("/api/v1/disks/" + data).json().path("vmId").isNull());
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());

        // attached while down, the disk is defined with the domain at the next start
        powerOff(vm);
        assertEquals(200, lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + data + "\"}").status());
        int before = LabGuest.count(serial(vm), "GUEST-DISK-READ");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (LabGuest.count(serial(vm), "GUEST-DISK-READ") <= before) {
            assertTrue(System.nanoTime() < deadline, "the second boot never read its disk: " + serial(vm));
            Api.sleep(300);
        }
        String second = serial(vm);
        assertTrue(LabGuest.count(second, "[vdb]") >= 2, "vdb is there at boot too: " + second);
        powerOff(vm);
    }

    private static String newDisk(String name) {
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"" + name + "\",\"sizeMiB\":16}");
        assertEquals(201, disk.status(), disk.body());
        return disk.json().path("id").asText();
    }

    private static void await(String vm, String text, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!serial(vm).contains(text)) {
            assertTrue(System.nanoTime() < deadline, what + ": " + serial(vm));
            Api.sleep(300);
        }
    }

    private static String serial(String vm) {
        return lab.api.get("/api/v1/vms/" + vm + "/console-log?bytes=1048576").body();
    }

    private static void powerOff(String vm) {
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), vm + " DOWN");
    }
}
