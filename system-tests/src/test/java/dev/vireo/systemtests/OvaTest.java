package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OVA export and import with real disks and real guests: a VM with two disks stamps its boot disk, is exported as an OVA (a job,
 * the disk as a streamOptimized vmdk), the OVA is downloaded (GNU tar and qemu-img read it) and uploaded again
 * through the resumable image upload; both the exported and the uploaded OVA are imported as new VMs, and the
 * imported VM boots and reads the original's stamp from its converted disk.
 */
@Tag("lab")
class OvaTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CHUNK = 1 << 20;
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("ova-host1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aVmIsExportedAsAnOvaAndImportedBackAsANewVmThatBoots() throws Exception {
        String kit = Lab.IMAGES.resolve("kit").toString();
        var disk = lab.api.post("/api/v1/disks", "{\"name\":\"ova-src-disk\",\"sizeMiB\":32}");
        assertEquals(201, disk.status(), disk.body());
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"ova-src\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 console=tty0 vireo.disk-stamp\"}}");
        assertEquals(201, created.status(), created.body());
        String source = created.json().path("id").asText();
        assertEquals(200, lab.api.post("/api/v1/vms/" + source + "/disks", "{\"diskId\":\"" + disk.json().path("id").asText() + "\"}").status());
        var second = lab.api.post("/api/v1/disks", "{\"name\":\"ova-src-data\",\"sizeMiB\":8}");
        assertEquals(201, second.status(), second.body());
        var data = lab.api.post("/api/v1/vms/" + source + "/disks", "{\"diskId\":\"" + second.json().path("id").asText() + "\"}");
        assertEquals("vdb", data.json().path("target").asText(), data.body());
        bootAndAwait(source, "GUEST-DISK-WROTE STAMP-" + source);

        assertEquals(409, lab.api.post("/api/v1/vms/" + source + "/export", null).status(), "a running VM is not exported");
        powerOff(source);

        long t0 = System.nanoTime();
        var export = lab.api.post("/api/v1/vms/" + source + "/export", null);
        assertEquals(202, export.status(), export.body());
        String job = export.json().path("id").asText();
        JsonNode done = lab.api.await("/api/v1/jobs/" + job, j -> !"RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(120), "the export job ends");
        long exportMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        JsonNode ova = null;
        for (JsonNode o : lab.api.get("/api/v1/ovas").json()) {
            if (source.equals(o.path("sourceVmId").asText())) {
                ova = o;
            }
        }
        assertTrue(ova != null && "READY".equals(ova.path("status").asText()), "the OVA is listed: " + ova);
        String ovaId = ova.path("id").asText();
        System.out.printf("OVA export of a VM with a 32 MiB and an 8 MiB disk: %d ms, %d bytes (%s)%n", exportMs, ova.path("sizeBytes").asLong(),
                done.path("message").asText());

        // download it, streamed to a file; standard tools read what is inside
        Path work = Files.createDirectories(lab.work.resolve("ova"));
        Path downloaded = work.resolve("ova-src.ova");
        t0 = System.nanoTime();
        HttpResponse<Path> got = HTTP.send(request("/api/v1/ovas/" + ovaId + "/download").GET().build(),
                HttpResponse.BodyHandlers.ofFile(downloaded));
        assertEquals(200, got.statusCode());
        System.out.printf("OVA download: %d bytes in %d ms%n", Files.size(downloaded), (System.nanoTime() - t0) / 1_000_000);
        assertEquals(ova.path("sizeBytes").asLong(), Files.size(downloaded));
        String listing = exec("tar", "-tf", downloaded.toString());
        assertEquals(List.of("vm.ovf", "disk1.vmdk", "disk2.vmdk"), Arrays.asList(listing.strip().split("\\s+")), listing);
        exec("tar", "-xf", downloaded.toString(), "-C", work.toString());
        assertTrue(exec("qemu-img", "info", work.resolve("disk1.vmdk").toString()).contains("streamOptimized"));
        String ovf = Files.readString(work.resolve("vm.ovf"));
        assertTrue(ovf.contains("<rasd:VirtualQuantity>128</rasd:VirtualQuantity>") && ovf.contains("ova-src"), ovf);

        // import the exported OVA as a new VM, which boots and reads what the original wrote
        t0 = System.nanoTime();
        var copy = lab.api.post("/api/v1/ovas/" + ovaId + "/import", "{\"name\":\"ova-copy\"}");
        assertEquals(201, copy.status(), copy.body());
        System.out.printf("OVA import (vmdk -> qcow2, VM created): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        String copyId = copy.json().path("id").asText();
        JsonNode copyDisks = lab.api.get("/api/v1/vms/" + copyId + "/disks").json();
        assertEquals(2, copyDisks.size(), copyDisks.toString());
        assertEquals(32L << 20, copyDisks.get(0).path("sizeBytes").asLong());
        assertEquals("vda", copyDisks.get(0).path("target").asText());
        assertEquals(8L << 20, copyDisks.get(1).path("sizeBytes").asLong());
        assertEquals("vdb", copyDisks.get(1).path("target").asText());
        bootAndAwait(copyId, "GUEST-DISK-WROTE STAMP-" + copyId);
        assertTrue(serial(copyId).contains("GUEST-DISK-READ STAMP-" + source), serial(copyId));
        powerOff(copyId);

        // the downloaded file goes back in through the resumable upload and imports too
        byte[] bytes = Files.readAllBytes(downloaded);
        var begun = lab.api.post("/api/v1/images/uploads", "{\"name\":\"ova-uploaded\",\"format\":\"ova\",\"sizeBytes\":"
                + bytes.length + "}");
        assertEquals(201, begun.status(), begun.body());
        String upload = begun.json().path("id").asText();
        for (int at = 0; at < bytes.length; at += CHUNK) {
            int end = Math.min(bytes.length, at + CHUNK);
            var r = HTTP.send(request("/api/v1/images/uploads/" + upload).header("Content-Type", "application/octet-stream")
                    .header("Content-Range", "bytes " + at + "-" + (end - 1) + "/" + bytes.length)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(bytes, at, end))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        var uploaded = lab.api.post("/api/v1/images/uploads/" + upload + "/complete", null);
        assertEquals(201, uploaded.status(), uploaded.body());
        var again = lab.api.post("/api/v1/ovas/" + uploaded.json().path("id").asText() + "/import", "{\"name\":\"ova-second\"}");
        assertEquals(201, again.status(), again.body());
        assertEquals(128, again.json().path("memoryMiB").asInt());
        assertEquals(2, lab.api.get("/api/v1/vms/" + again.json().path("id").asText() + "/disks").json().size());

        // a tampered OVA whose disk is not the vmdk its OVF claims is refused, and leaves no VM
        Path liar = work.resolve("ova-liar.ova");
        Files.writeString(work.resolve("disk1.vmdk"), "not a vmdk\n".repeat(1000));
        Files.writeString(work.resolve("vm.ovf"), ovf.replaceAll("ovf:size=\"\\d+\"", ""));
        exec("tar", "--format=ustar", "-cf", liar.toString(), "-C", work.toString(), "vm.ovf", "disk1.vmdk", "disk2.vmdk");
        Path domainOva = Lab.IMAGES.resolve("domains/default/ova");
        Files.copy(liar, domainOva.resolve("ova-liar.ova"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var registered = lab.api.post("/api/v1/ovas", "{\"fileName\":\"ova-liar.ova\",\"name\":\"ova-liar\"}");
        assertEquals(201, registered.status(), registered.body());
        var refused = lab.api.post("/api/v1/ovas/" + registered.json().path("id").asText() + "/import", "{\"name\":\"ova-liar\"}");
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("the image is raw, not vmdk"), refused.body());
        assertEquals(0, lab.api.get("/api/v1/vms?q=ova-liar").json().path("total").asInt());
        assertEquals(0, lab.api.get("/api/v1/disks").json().findValuesAsText("name").stream().filter(n -> n.startsWith("ova-liar")).count(),
                "no disk left from the refused import");
        assertEquals(204, lab.api.delete("/api/v1/ovas/" + registered.json().path("id").asText()).status());

        // deleting an OVA removes its file from the (shared) storage domain
        for (String id : List.of(ovaId, uploaded.json().path("id").asText())) {
            assertEquals(204, lab.api.delete("/api/v1/ovas/" + id).status());
            assertTrue(Files.notExists(domainOva.resolve(id + ".ova")), id);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lab.enginePort + path))
                .header("Authorization", "Bearer " + lab.keycloak.token("admin", "admin"));
    }

    private static void bootAndAwait(String vm, String text) {
        var started = lab.api.post("/api/v1/vms/" + vm + "/start", null);
        assertEquals(202, started.status(), started.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (serial(vm).contains(text)) {
                return;
            }
            Api.sleep(300);
        }
        throw new AssertionError("VM " + vm + " never printed '" + text + "'; log: " + serial(vm));
    }

    private static String serial(String vm) {
        return lab.api.get("/api/v1/vms/" + vm + "/console-log").body();
    }

    private static void powerOff(String vm) {
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), vm + " DOWN");
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
