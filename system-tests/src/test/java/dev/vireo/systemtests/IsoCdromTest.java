package dev.vireo.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ISO image uploaded through the resumable upload goes into a VM's CD-ROM drive: the running domain on the
 * lab host has it as a read-only IDE CD-ROM (hdc). The guest kit has no ATA/CD-ROM drivers, so this is seen on
 * the host (virsh), not inside the guest.
 */
@Tag("lab")
class IsoCdromTest {
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("ova-iso1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void anUploadedIsoIsTheRunningVmsCdrom() throws Exception {
        byte[] iso = new byte[64 * 1024];
        System.arraycopy("\u0001CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 32768, 6);
        var begun = lab.api.post("/api/v1/images/uploads", "{\"name\":\"ova-iso\",\"format\":\"iso\",\"sizeBytes\":" + iso.length + "}");
        assertEquals(201, begun.status(), begun.body());
        String id = begun.json().path("id").asText();
        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + lab.enginePort + "/api/v1/images/uploads/" + id))
                .header("Authorization", "Bearer " + lab.keycloak.token("admin", "admin"))
                .header("Content-Type", "application/octet-stream").header("Content-Range", "bytes 0-" + (iso.length - 1) + "/" + iso.length)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(iso)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        var done = lab.api.post("/api/v1/images/uploads/" + id + "/complete", null);
        assertEquals(201, done.status(), done.body());

        var vm = lab.api.post("/api/v1/vms", "{\"name\":\"ova-iso-vm\",\"memoryMiB\":128,\"vcpus\":1}");
        assertEquals(201, vm.status(), vm.body());
        String vmId = vm.json().path("id").asText();
        assertEquals(204, lab.api.put("/api/v1/vms/" + vmId + "/cdrom", "{\"isoId\":\"" + id + "\"}").status());
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/start", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60), "RUNNING");
        String blk = lab.virsh("domblklist", "vireo-" + vmId, "--details");
        assertTrue(blk.contains("cdrom") && blk.contains("hdc") && blk.contains(id + ".iso"), blk);
        String xml = lab.virsh("dumpxml", "vireo-" + vmId);
        assertTrue(xml.contains("<readonly/>"), xml);
        assertEquals(409, lab.api.delete("/api/v1/vms/" + vmId + "/cdrom").status(), "ejected while down only");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vmId + "/cdrom").status());
    }
}
