package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VMware disk made with qemu-img is uploaded in chunks through the engine, with a connection broken
 * mid-chunk and resumed, checked against its SHA-256, converted to qcow2 and booted: the guest reads
 * what was written into the image. Images that lie about their format or checksum are refused.
 */
@Tag("lab")
class ImageImportTest {
    private static final int CHUNK = 1 << 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Lab lab;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("import-host1");
        work = Files.createDirectories(lab.work.resolve("images"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aVmdkIsUploadedWithABreakResumedImportedAndBooted() throws Exception {
        Path raw = work.resolve("imported.raw");
        byte[] content = new byte[6 * CHUNK + 512 * 7];
        // random content, so the sparse vmdk is as large as the disk and the upload needs several chunks
        new java.util.Random(42).nextBytes(content);
        byte[] mark = "VMDK-IMPORTED".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, content, 0, mark.length);
        Arrays.fill(content, mark.length, 64, (byte) 0);
        Files.write(raw, content);
        Path vmdk = work.resolve("imported.vmdk");
        exec("qemu-img", "convert", "-f", "raw", "-O", "vmdk", raw.toString(), vmdk.toString());
        byte[] image = Files.readAllBytes(vmdk);

        String id = begin("imported", "vmdk", image.length, sha256(image));
        // the first chunk, then a connection that breaks in the middle of the second
        assertEquals(200, put(id, image, 0, CHUNK).statusCode());
        brokenChunk(id, image, CHUNK, CHUNK, CHUNK / 3);
        long received = lab.api.get("/api/v1/images/uploads/" + id).json().path("receivedBytes").asLong();
        assertTrue(received >= CHUNK && received < 2L * CHUNK, "kept what arrived before the break: " + received);
        // a chunk from the wrong place is refused with the place to resume from
        var wrong = put(id, image, received + 5, 100);
        assertEquals(409, wrong.statusCode());
        assertTrue(wrong.body().contains("must start at byte " + received), wrong.body());
        for (long at = received; at < image.length; at += CHUNK) {
            var r = put(id, image, at, (int) Math.min(CHUNK, image.length - at));
            assertEquals(200, r.statusCode(), r.body());
        }
        JsonNode progress = lab.api.get("/api/v1/images/uploads/" + id).json();
        assertEquals(100, progress.path("percent").asInt(), progress.toString());
        var disk = lab.api.post("/api/v1/images/uploads/" + id + "/complete", null);
        assertEquals(201, disk.status(), disk.body());
        assertEquals(content.length, disk.json().path("sizeBytes").asLong(), "the virtual size survives the conversion");

        String kit = Lab.IMAGES.resolve("kit").toString();
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"imported-vm\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{"
                + "\"kernel\":\"" + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\"}}").json().path("id").asText();
        assertEquals(200, lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + disk.json().path("id").asText() + "\"}").status());
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> lab.api.get("/api/v1/vms/" + vm + "/console-log").body()
                .contains("GUEST-DISK-READ VMDK-IMPORTED"), Duration.ofSeconds(90), "the guest reads the imported disk");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
    }

    @Test
    void anImageThatIsNotWhatItClaimsOrWhoseChecksumDiffersIsRefused() throws Exception {
        byte[] raw = new byte[CHUNK];
        String liar = begin("liar", "vmdk", raw.length, null);
        assertEquals(200, put(liar, raw, 0, raw.length).statusCode());
        var refused = lab.api.post("/api/v1/images/uploads/" + liar + "/complete", null);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("the image is raw, not vmdk"), refused.body());
        assertEquals("FAILED", lab.api.get("/api/v1/images/uploads/" + liar).json().path("status").asText());

        String corrupt = begin("corrupt", "raw", raw.length, "0".repeat(64));
        assertEquals(200, put(corrupt, raw, 0, raw.length).statusCode());
        var mismatch = lab.api.post("/api/v1/images/uploads/" + corrupt + "/complete", null);
        assertEquals(422, mismatch.status(), mismatch.body());
        assertTrue(mismatch.body().contains("SHA-256"), mismatch.body());

        assertEquals(400, lab.api.post("/api/v1/images/uploads", "{\"name\":\"x\",\"format\":\"exe\",\"sizeBytes\":1024}").status());
        assertEquals(400, lab.api.post("/api/v1/images/uploads", "{\"name\":\"x\",\"format\":\"raw\",\"sizeBytes\":0}").status());
        assertEquals(403, lab.apiAs("alice").post("/api/v1/images/uploads", "{\"name\":\"x\",\"format\":\"raw\",\"sizeBytes\":1024}").status());
        String early = begin("early", "raw", raw.length, null);
        assertEquals(409, lab.api.post("/api/v1/images/uploads/" + early + "/complete", null).status(), "not all bytes arrived");
        assertEquals(422, put(early, raw, 0, 10, "bytes 0-9").statusCode(), "a malformed Content-Range");
    }

    /** Upload throughput through the engine next to a local copy of the same file (printed, for bench/RESULTS.md). */
    @Test
    void uploadThroughputNextToALocalCopy() throws Exception {
        byte[] image = new byte[64 * CHUNK];
        new java.util.Random(7).nextBytes(image);
        Path source = Files.write(work.resolve("throughput.raw"), image);
        long t0 = System.nanoTime();
        Files.copy(source, work.resolve("throughput-copy.raw"));
        long copyNs = System.nanoTime() - t0;
        String id = begin("throughput", "raw", image.length, null);
        t0 = System.nanoTime();
        for (long at = 0; at < image.length; at += CHUNK) {
            assertEquals(200, put(id, image, at, CHUNK).statusCode());
        }
        long uploadNs = System.nanoTime() - t0;
        System.out.printf("upload of 64 MiB through the engine: %.0f MiB/s; local copy: %.0f MiB/s%n",
                64 / (uploadNs / 1e9), 64 / (copyNs / 1e9));
        assertEquals(image.length, lab.api.get("/api/v1/images/uploads/" + id).json().path("receivedBytes").asLong());
    }

    private static String begin(String name, String format, long size, String sha) {
        var r = lab.api.post("/api/v1/images/uploads", "{\"name\":\"" + name + "\",\"format\":\"" + format
                + "\",\"sizeBytes\":" + size + (sha == null ? "" : ",\"sha256\":\"" + sha + "\"") + "}");
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asText();
    }

    private static HttpResponse<String> put(String id, byte[] image, long at, int length) throws Exception {
        return put(id, image, at, length, "bytes " + at + "-" + (at + length - 1) + "/" + image.length);
    }

    private static HttpResponse<String> put(String id, byte[] image, long at, int length, String range) throws Exception {
        byte[] chunk = Arrays.copyOfRange(image, (int) at, (int) Math.min(image.length, at + length));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lab.enginePort
                        + "/api/v1/images/uploads/" + id))
                .header("Authorization", "Bearer " + lab.keycloak.token("admin", "admin"))
                .header("Content-Type", "application/octet-stream").header("Content-Range", range)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Announces a chunk of {@code length} bytes, sends {@code sent} of them and drops the connection. */
    private static void brokenChunk(String id, byte[] image, long at, int length, int sent) throws Exception {
        try (Socket s = new Socket("127.0.0.1", lab.enginePort)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/v1/images/uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + lab.keycloak.token("admin", "admin") + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n"
                    + "Content-Range: bytes " + at + "-" + (at + length - 1) + "/" + image.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(image, (int) at, sent);
            out.flush();
            Thread.sleep(1000);
        }
        Thread.sleep(1000);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
