package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of a real guest with two qcow2 disks of its own (vda, vdb) and a shareable raw disk (vdc).
 * The guest kit stamps vda ("GUEST-DISK-READ …" at boot, "GUEST-DISK-WROTE STAMP-<vm>-<n>" at boot and every
 * tick with "vireo.disk-stamp"); for vdb this test boots the kit's initramfs with one more file appended, an
 * init ({@code rdinit=}) that starts the same for vdb ("GUEST-VDB-READ", "GUEST-VDB-WROTE VDB-<vm>-<n>") in
 * the background and then hands over to the kit's /init. (The shared kit stays as it is: other work trees use
 * it at the same time.)
 * <ol>
 *   <li>Disk-only, VM down: both disks stamped, snapshot, the guest writes on to both, revert; the next boot
 *   reads on each disk what it held at the snapshot. The shareable disk is recorded as left out.</li>
 *   <li>With memory, guest running: refused while the shareable disk is attached (naming it); once it is
 *   unplugged, the snapshot covers both disks; after the revert the guest's counters for both disks go back
 *   to the snapshot's moment. A disk plugged in after the snapshot stops the revert (409 naming it).</li>
 *   <li>Deleting removes the snapshot from both disks, through QEMU while it runs and with qemu-img while down.</li>
 * </ol>
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiDiskSnapshotTest {
    private static final Pattern VDA_READ = Pattern.compile("GUEST-DISK-READ ?([^\r\n]*)");
    private static final Pattern VDB_READ = Pattern.compile("GUEST-VDB-READ ?([^\r\n]*)");
    private static final Pattern VDB_WROTE = Pattern.compile("GUEST-VDB-WROTE VDB-[0-9a-f-]+-(\\d+)");
    private static final Pattern TICK = Pattern.compile("tick (\\d+(?:\\.\\d+)?)");
    /** the init that stamps vdb, then runs the kit's /init (busybox is there; its applet links are not yet) */
    private static final String VDB_INIT = """
            #!/bin/busybox sh
            # MultiDiskSnapshotTest: stamps vdb as the kit's /init stamps vda, then hands over to it
            B=/bin/busybox
            # a background job's stdin is /dev/null, which needs /dev (the kit's /init mounts it again, harmlessly)
            $B mount -t devtmpfs dev /dev
            (
              i=0
              while [ ! -b /dev/vdb ] && [ $i -lt 600 ]; do $B sleep 0.1; i=$((i+1)); done
              [ -b /dev/vdb ] || exit 0
              uuid=$($B cat /sys/class/dmi/id/product_uuid | $B tr 'A-F' 'a-f')
              prev=$($B dd if=/dev/vdb bs=64 count=1 2>/dev/null | $B tr -dc 'A-Za-z0-9_.:-')
              echo "GUEST-VDB-READ $prev" > /dev/ttyS0
              n=0
              case "$prev" in VDB-$uuid-*) n=$(( ${prev##*-} + 1 )) ;; esac
              while true; do
                $B printf '%-64s' "VDB-$uuid-$n" | $B dd of=/dev/vdb bs=64 count=1 conv=notrunc,fsync 2>/dev/null
                echo "GUEST-VDB-WROTE VDB-$uuid-$n" > /dev/ttyS0
                n=$((n+1))
                $B sleep 2
              done
            ) &
            exec /init
            """;

    private static Lab lab;
    private static Path kitDir;
    private static String vm;
    private static String vdaPath;
    private static String vdbPath;
    private static String shared;
    private static String diskOnly;
    private static String live;
    private static long t0;

    @BeforeAll
    static void start() throws Exception {
        t0 = System.nanoTime();
        kitDir = Lab.IMAGES.resolve("test-kits/multidisk-" + UUID.randomUUID());
        buildInitrd(kitDir);
        lab = Lab.start("msnap-host1");
    }

    @AfterAll
    static void stop() throws IOException {
        if (lab != null) {
            lab.close();
        }
        if (kitDir != null && Files.exists(kitDir)) {
            try (Stream<Path> files = Files.walk(kitDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        System.out.printf("MultiDiskSnapshotTest: %d s in all, lab start included%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    /** The kit's initrd.gz with a gzipped newc cpio of /vireo-vdb-init appended (the kernel unpacks both). */
    private static void buildInitrd(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path init = src.resolve("vireo-vdb-init");
        Files.writeString(init, VDB_INIT);
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path overlay = dir.resolve("overlay.cpio.gz");
        Process p = new ProcessBuilder("sh", "-c", "echo vireo-vdb-init | cpio -o -H newc --quiet -R 0:0 | gzip -9")
                .directory(src.toFile()).redirectOutput(overlay.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), "cpio | gzip");
        byte[] kit = Files.readAllBytes(Lab.IMAGES.resolve("kit/initrd.gz"));
        byte[] more = Files.readAllBytes(overlay);
        byte[] both = new byte[kit.length + more.length];
        System.arraycopy(kit, 0, both, 0, kit.length);
        System.arraycopy(more, 0, both, kit.length, more.length);
        Files.write(dir.resolve("initrd.gz"), both);
    }

    @Test
    @Order(1)
    void aDownVmsTwoDisksGoBackTogether() throws Exception {
        String vda = newDisk("msnap-vda", false);
        String vdb = newDisk("msnap-vdb", false);
        shared = newDisk("msnap-shared", true);
        vdaPath = Lab.IMAGES.resolve("domains/default/" + vda + ".qcow2").toString();
        vdbPath = Lab.IMAGES.resolve("domains/default/" + vdb + ".qcow2").toString();
        String kit = Lab.IMAGES.resolve("kit").toString();
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"msnap-vm\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kitDir.resolve("initrd.gz") + "\",\"cmdline\":\"console=ttyS0 console=tty0 "
                + "vireo.disk-stamp rdinit=/vireo-vdb-init\"}}");
        assertEquals(201, created.status(), created.body());
        vm = created.json().path("id").asText();
        assertEquals("vda", attach(vda));
        assertEquals("vdb", attach(vdb));
        assertEquals("vdc", attach(shared));

        // first boot: both disks new and empty; the guest stamps both
        assertEquals(List.of("", ""), boot(1));
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-WROTE STAMP-" + vm, 2);
        LabGuest.awaitCount(lab.api, vm, "GUEST-VDB-WROTE VDB-" + vm, 2);
        LabGuest.powerOff(lab.api, vm);

        long snapping = System.nanoTime();
        diskOnly = snapshot("both disks", false);
        System.out.printf("disk-only snapshot of 2 disks (VM down): %d ms%n", (System.nanoTime() - snapping) / 1_000_000);
        JsonNode disks = snapshotJson(diskOnly).path("disks");
        assertEquals(List.of("vda", "vdb", "vdc"), disks.findValuesAsText("target"), disks.toString());
        assertEquals(List.of(true, true, false), List.of(disks.get(0).path("covered").asBoolean(),
                disks.get(1).path("covered").asBoolean(), disks.get(2).path("covered").asBoolean()));
        assertTrue(disks.get(2).path("excluded").asText().startsWith("shareable raw disk"), disks.toString());
        assertTrue(inDisk(vdaPath).contains(diskOnly) && inDisk(vdbPath).contains(diskOnly), inDisk(vdbPath));

        // second boot reads what the snapshot holds on both, then the guest overwrites both
        List<String> atSnapshot = boot(2);
        assertTrue(atSnapshot.get(0).startsWith("STAMP-" + vm) && atSnapshot.get(1).startsWith("VDB-" + vm), atSnapshot.toString());
        int vdaWrites = LabGuest.count(LabGuest.serial(lab.api, vm), "GUEST-DISK-WROTE");
        int vdbWrites = LabGuest.count(LabGuest.serial(lab.api, vm), "GUEST-VDB-WROTE");
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-WROTE", vdaWrites + 2);
        LabGuest.awaitCount(lab.api, vm, "GUEST-VDB-WROTE", vdbWrites + 2);
        LabGuest.powerOff(lab.api, vm);
        String lastVda = last(Pattern.compile("GUEST-DISK-WROTE ([^\r\n]*)"), LabGuest.serial(lab.api, vm)).strip();
        String lastVdb = last(Pattern.compile("GUEST-VDB-WROTE ([^\r\n]*)"), LabGuest.serial(lab.api, vm)).strip();
        assertNotEquals(atSnapshot.get(0), lastVda);
        assertNotEquals(atSnapshot.get(1), lastVdb);
        System.out.printf("at the snapshot the disks held %s; the guest then wrote up to %s and %s%n", atSnapshot, lastVda, lastVdb);

        long reverting = System.nanoTime();
        LabGuest.awaitJob(lab.api, lab.api.post("/api/v1/vms/" + vm + "/snapshots/" + diskOnly + "/revert", null));
        System.out.printf("disk-only revert of 2 disks (VM down): %d ms%n", (System.nanoTime() - reverting) / 1_000_000);
        assertEquals("DOWN", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());
        assertEquals(atSnapshot, boot(3), "after the revert both disks hold what they held at the snapshot");
    }

    @Test
    @Order(2)
    void aRunningGuestWithTwoDisksGoesBackToItsMemorySnapshot() throws Exception {
        // running from the last test, with the shareable disk: a snapshot with memory cannot leave it out
        LabGuest.awaitCount(lab.api, vm, "GUEST-VDB-WROTE", LabGuest.count(LabGuest.serial(lab.api, vm), "GUEST-VDB-WROTE") + 1);
        var refused = lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"with shared\",\"withMemory\":true}");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().path("detail").asText().contains("shareable disk(s) msnap-shared (vdc)"), refused.body());
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm + "/disks/" + shared).status());

        int beforeSnapshot = lastVdbCount();
        long snapping = System.nanoTime();
        live = snapshot("live", true);
        System.out.printf("memory snapshot of a running guest with 2 disks: %d ms%n", (System.nanoTime() - snapping) / 1_000_000);
        int atSnapshot = lastVdbCount();
        JsonNode disks = snapshotJson(live).path("disks");
        assertEquals(List.of("vda", "vdb"), disks.findValuesAsText("target"), disks.toString());
        assertTrue(inDisk(vdaPath).contains(live) && inDisk(vdbPath).contains(live), inDisk(vdbPath));
        assertTrue(lab.virsh("snapshot-list", "vireo-" + vm, "--name").isBlank(), "libvirt keeps no metadata");

        // the guest writes on; a disk plugged in after the snapshot stops the revert
        LabGuest.awaitCount(lab.api, vm, "GUEST-VDB-WROTE", LabGuest.count(LabGuest.serial(lab.api, vm), "GUEST-VDB-WROTE") + 3);
        String later = newDisk("msnap-later", false);
        assertEquals("vdc", attach(later));
        var stopped = lab.api.post("/api/v1/vms/" + vm + "/snapshots/" + live + "/revert", null);
        assertEquals(409, stopped.status(), stopped.body());
        assertTrue(stopped.json().path("detail").asText().contains("msnap-later (vdc)"), stopped.body());
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm + "/disks/" + later).status());

        int before = lastVdbCount();
        int ticksBefore = values(TICK, LabGuest.serial(lab.api, vm)).size();
        long reverting = System.nanoTime();
        LabGuest.awaitJob(lab.api, lab.api.post("/api/v1/vms/" + vm + "/snapshots/" + live + "/revert", null));
        System.out.printf("memory revert of a running guest with 2 disks: %d ms%n", (System.nanoTime() - reverting) / 1_000_000);
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (values(TICK, LabGuest.serial(lab.api, vm)).size() < ticksBefore + 3 && System.nanoTime() < deadline) {
            Api.sleep(300);
        }
        // the vdb writer's count went back with the guest's memory: below the last one before the revert
        List<Double> counts = values(VDB_WROTE, LabGuest.serial(lab.api, vm));
        int drop = -1;
        for (int i = counts.size() - 1; i > 0; i--) {
            if (counts.get(i) < counts.get(i - 1)) {
                drop = i;
                break;
            }
        }
        assertTrue(drop > 0, "vdb's count went back at the revert: " + counts);
        System.out.printf("vdb count at the snapshot %d, before the revert %d, after it %.0f%n", atSnapshot, before, counts.get(drop));
        assertTrue(counts.get(drop - 1) >= before, "the last count before the revert: " + counts);
        assertTrue(counts.get(drop) >= beforeSnapshot && counts.get(drop) <= atSnapshot + 2,
                "goes on from the snapshot's moment (" + beforeSnapshot + ".." + atSnapshot + "): " + counts);
    }

    @Test
    @Order(3)
    void deletingRemovesTheSnapshotFromBothDisks() throws Exception {
        LabGuest.awaitJob(lab.api, lab.api.delete("/api/v1/vms/" + vm + "/snapshots/" + live));
        assertFalse(inDisk(vdaPath).contains(live) || inDisk(vdbPath).contains(live), inDisk(vdaPath) + inDisk(vdbPath));
        LabGuest.powerOff(lab.api, vm);
        LabGuest.awaitJob(lab.api, lab.api.delete("/api/v1/vms/" + vm + "/snapshots/" + diskOnly));
        assertFalse(inDisk(vdaPath).contains(diskOnly) || inDisk(vdbPath).contains(diskOnly), inDisk(vdaPath) + inDisk(vdbPath));
        assertEquals(0, lab.api.get("/api/v1/vms/" + vm + "/snapshots").json().size());
    }

    private static String newDisk(String name, boolean shareable) {
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"" + name + "\",\"sizeMiB\":16" + (shareable ? ",\"shareable\":true" : "") + "}");
        assertEquals(201, disk.status(), disk.body());
        return disk.json().path("id").asText();
    }

    private static String attach(String disk) {
        var attached = lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + disk + "\"}");
        assertEquals(200, attached.status(), attached.body());
        return attached.json().path("target").asText();
    }

    private static String snapshot(String name, boolean withMemory) {
        JsonNode job = LabGuest.awaitJob(lab.api, lab.api.post("/api/v1/vms/" + vm + "/snapshots", "{\"name\":\"" + name + "\",\"withMemory\":"
                + withMemory + "}"));
        System.out.println("job: " + job.path("message").asText());
        for (JsonNode s : lab.api.get("/api/v1/vms/" + vm + "/snapshots").json()) {
            if (name.equals(s.path("name").asText())) {
                assertEquals("OK", s.path("status").asText(), s.toString());
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no snapshot " + name + " listed");
    }

    private static JsonNode snapshotJson(String id) {
        var answer = lab.api.get("/api/v1/vms/" + vm + "/snapshots/" + id);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /** Starts the VM; what vda and vdb held at its {@code n}-th boot (the n-th READ lines). */
    private static List<String> boot(int n) {
        var started = lab.api.post("/api/v1/vms/" + vm + "/start", null);
        assertEquals(202, started.status(), started.body());
        LabGuest.awaitCount(lab.api, vm, "GUEST-DISK-READ", n);
        LabGuest.awaitCount(lab.api, vm, "GUEST-VDB-READ", n);
        String log = LabGuest.serial(lab.api, vm);
        return List.of(nth(VDA_READ, log, n), nth(VDB_READ, log, n));
    }

    private static String nth(Pattern pattern, String text, int n) {
        Matcher m = pattern.matcher(text);
        for (int i = 0; i < n; i++) {
            assertTrue(m.find(), "fewer than " + n + " of " + pattern + " in " + text);
        }
        return m.group(1).strip();
    }

    private static int lastVdbCount() {
        List<Double> counts = values(VDB_WROTE, LabGuest.serial(lab.api, vm));
        return counts.isEmpty() ? -1 : counts.get(counts.size() - 1).intValue();
    }

    private static List<Double> values(Pattern pattern, String text) {
        List<Double> values = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    private static String last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** The snapshots inside a disk, as qemu-img lists them on the host (shared while QEMU runs). */
    private static String inDisk(String path) throws Exception {
        return lab.onHost("qemu-img", "snapshot", "-l", "-U", path);
    }

}
