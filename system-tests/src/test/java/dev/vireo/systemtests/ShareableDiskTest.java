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
 * A shareable disk in two real guests at once: a raw volume attached to the first VM while it is down (defined
 * with its domain at start) and hot-plugged into the second while it runs. Both guests' kernels find it as vdb
 * (virtio_blk prints "[vdb] … logical blocks"): QEMU's image locking lets the second guest open the volume
 * read-write only because the disk is {@code <shareable/>}. It cannot be deleted while a VM has it.
 */
@Tag("lab")
class ShareableDiskTest {
    private static final Pattern VDB = Pattern.compile("\\[vdb\\] \\d+ 512-byte logical blocks");
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("shdisk1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void twoRunningGuestsBothHaveTheShareableDisk() {
        var created = lab.api.post("/api/v1/disks", "{\"name\":\"shared\",\"sizeMiB\":16,\"shareable\":true}");
        assertEquals(201, created.status(), created.body());
        String shared = created.json().path("id").asText();
        assertTrue(created.json().path("shareable").asBoolean(), created.body());
        String a = newVm("shared-a");
        String b = newVm("shared-b");

        var first = lab.api.post("/api/v1/vms/" + a + "/disks", "{\"diskId\":\"" + shared + "\"}");
        assertEquals(200, first.status(), first.body());
        assertEquals("vdb", first.json().path("target").asText());
        assertEquals(202, lab.api.post("/api/v1/vms/" + a + "/start", null).status());
        assertEquals(202, lab.api.post("/api/v1/vms/" + b + "/start", null).status());
        await(a, "GUEST-DISK-READ", "guest a reads its boot disk");
        await(b, "GUEST-DISK-READ", "guest b reads its boot disk");
        assertTrue(VDB.matcher(serial(a)).find(), "guest a finds the shared disk at boot: " + serial(a));
        assertTrue(!VDB.matcher(serial(b)).find(), "no vdb in guest b before the hot-plug");

        long t0 = System.nanoTime();
        var plugged = lab.api.post("/api/v1/vms/" + b + "/disks", "{\"diskId\":\"" + shared + "\"}");
        assertEquals(200, plugged.status(), plugged.body());
        assertEquals("vdb", plugged.json().path("target").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!VDB.matcher(serial(b)).find()) {
            assertTrue(System.nanoTime() < deadline, "guest b never found the shared disk: " + serial(b));
            Api.sleep(300);
        }
        System.out.printf("shareable disk hot-plugged into the second running guest, found as vdb in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + a).json().path("status").asText());
        assertEquals(2, lab.api.get("/api/v1/disks/" + shared).json().path("sharedWith").size());

        var refused = lab.api.delete("/api/v1/disks/" + shared);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("shared-a") && refused.body().contains("shared-b"), refused.body());

        var unplugged = lab.api.delete("/api/v1/vms/" + b + "/disks/" + shared);
        assertEquals(204, unplugged.status(), unplugged.body());
        powerOff(a);
        powerOff(b);
        assertEquals(204, lab.api.delete("/api/v1/vms/" + a + "/disks/" + shared).status());
        var deleted = lab.api.delete("/api/v1/disks/" + shared);
        assertEquals(204, deleted.status(), deleted.body());
    }

    private static String newVm(String name) {
        String kit = Lab.IMAGES.resolve("kit").toString();
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"" + name + "-boot\",\"sizeMiB\":16}");
        assertEquals(201, disk.status(), disk.body());
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 loglevel=6\"}}");
        assertEquals(201, created.status(), created.body());
        String vm = created.json().path("id").asText();
        var attached = lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + disk.json().path("id").asText() + "\"}");
        assertEquals("vda", attached.json().path("target").asText(), attached.body());
        return vm;
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
