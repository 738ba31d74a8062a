package dev.vireo.engine.ova;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OVAs through the API without a host: a diskless VM exported, downloaded and imported back; hostile and
 * broken archives refused with a 422 naming the reason and nothing left behind (no VM, no work directory);
 * who may do it. (The lab's OvaTest exports, imports and boots a VM with a real disk.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OvaApiTest {
    private static final Path OVA_DIR = Path.of("/var/lib/vireo/images/domains/default/ova");
    private static final String TAG = "apitest-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.list(OVA_DIR)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(TAG)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path archive(String name, Object... entries) throws IOException {
        Files.createDirectories(OVA_DIR);
        Path file = OVA_DIR.resolve(TAG + "-" + name + ".ova");
        try (OutputStream out = Files.newOutputStream(file); TarWriter tar = new TarWriter(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                byte[] content = entries[i + 1] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) entries[i + 1];
                tar.add((String) entries[i], content.length, new ByteArrayInputStream(content), n -> { });
            }
        }
        return file;
    }

    private static byte[] ovf(String name, int memoryMiB, String diskHref) {
        List<OvfDescriptor.DiskRef> disks = diskHref == null ? List.of()
                : List.of(new OvfDescriptor.DiskRef(diskHref, -1, 16L << 20, "vmdk"));
        return OvfWriter.write(new OvfDescriptor(name, null, memoryMiB, 1, disks, null));
    }

    private static String register(Path file) {
        return given().contentType(ContentType.JSON).body("{\"fileName\":\"" + file.getFileName() + "\",\"name\":\"x\"}")
                .post("/api/v1/ovas").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse importAs(String ovaId, String vmName) {
        return given().contentType(ContentType.JSON).body(vmName == null ? "{}" : "{\"name\":\"" + vmName + "\"}")
                .post("/api/v1/ovas/" + ovaId + "/import").then();
    }

    private static void noVmNamed(String name) {
        given().get("/api/v1/vms?q=" + name).then().statusCode(200).body("total", equalTo(0));
    }

    private static void noWorkDirectoryLeft() throws IOException {
        try (Stream<Path> files = Files.list(OVA_DIR)) {
            List<Path> left = files.filter(p -> p.toString().endsWith(".import")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aDisklessVmIsExportedDownloadedAndImportedBack() throws Exception {
        String vm = given().contentType(ContentType.JSON).body("{\"name\":\"" + TAG + "-src\",\"memoryMiB\":96,\"vcpus\":2,"
                + "\"description\":\"exported <one>\"}").post("/api/v1/vms").then().statusCode(201).extract().path("id");
        var accepted = given().post("/api/v1/vms/" + vm + "/export").then().statusCode(202);
        String job = accepted.extract().path("id");
        String ovaId = accepted.extract().header("Location").replaceAll(".*/", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String status;
        do {
            Thread.sleep(100);
            status = given().get("/api/v1/jobs/" + job).then().statusCode(200).extract().path("status");
        } while (status.equals("RUNNING") && System.nanoTime() < deadline);
        assertEquals("SUCCEEDED", status);
        given().get("/api/v1/ovas/" + ovaId).then().statusCode(200).body("status", equalTo("READY"))
                .body("sourceVmId", equalTo(vm));
        byte[] ova = given().get("/api/v1/ovas/" + ovaId + "/download").then().statusCode(200)
                .header("Content-Disposition", containsString(TAG + "-src.ova")).extract().asByteArray();
        String ovf = new String(ova, 512, ova.length - 512, StandardCharsets.UTF_8);
        assertTrue(ovf.contains("<rasd:VirtualQuantity>96</rasd:VirtualQuantity>") && ovf.contains("exported &lt;one&gt;"), ovf);

        importAs(ovaId, TAG + "-copy").statusCode(201).body("memoryMiB", equalTo(96)).body("vcpus", equalTo(2))
                .body("description", equalTo("exported <one>")).body("boot.kernel", containsString("vmlinuz"));
        importAs(ovaId, TAG + "-copy").statusCode(409).body("detail", containsString("already exists"));
        importAs(ovaId, "../evil").statusCode(400);
        given().delete("/api/v1/ovas/" + ovaId).then().statusCode(204);
        assertTrue(Files.notExists(OVA_DIR.resolve(ovaId + ".ova")));
        given().get("/api/v1/ovas/" + ovaId).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void brokenAndHostileArchivesAreRefusedAndLeaveNothingBehind() throws Exception {
        record Bad(Path file, String reason) {
        }
        Files.createDirectories(OVA_DIR);
        List<Bad> bad = List.of(
                new Bad(Files.writeString(OVA_DIR.resolve(TAG + "-text.ova"), "not a tar at all\n".repeat(64)), "not a tar archive"),
                new Bad(archive("noxml", "vm.ovf", "<Envelope><oops>"), "not valid XML"),
                new Bad(archive("xxe", "vm.ovf", "<!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><Envelope>&x;</Envelope>"),
                        "DOCTYPE"),
                new Bad(archive("nocpu", "vm.ovf", new String(ovf("nocpu", 128, null), StandardCharsets.UTF_8)
                        .replace("<rasd:ResourceType>3</rasd:ResourceType>", "<rasd:ResourceType>10</rasd:ResourceType>")),
                        "no processor item"),
                new Bad(archive("escape", "vm.ovf", new String(ovf("escape", 128, "disk1.vmdk"), StandardCharsets.UTF_8)
                        .replace("disk1.vmdk", "../../../../etc/shadow")), "escape the archive"),
                new Bad(archive("entry", "vm.ovf", ovf("entry", 128, "disk1.vmdk"), "../disk1.vmdk", "x"), "escape the archive"),
                new Bad(archive("huge", "vm.ovf", ovf("huge", 128, null)), "ignored"),
                new Bad(archive("absent", "vm.ovf", ovf("absent", 128, "disk1.vmdk")), "does not hold"));
        for (Bad b : bad) {
            if (b.reason().equals("ignored")) {
                continue;
            }
            String id = register(b.file());
            importAs(id, null).statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString(b.reason()));
        }
        Path huge = archive("mem", "vm.ovf", new String(ovf("mem", 128, null), StandardCharsets.UTF_8)
                .replace(">128<", ">99999999<"));
        importAs(register(huge), null).statusCode(422).body("detail", containsString("MiB of memory"));
        // a sound OVA gets as far as asking a host to convert its disk; without one, nothing is left
        Path sound = archive("sound", "vm.ovf", ovf(TAG + "-sound", 128, "disk1.vmdk"), "disk1.vmdk", "x".repeat(4096));
        importAs(register(sound), null).statusCode(409).body("detail", containsString("no host is up"));
        noVmNamed(TAG);
        noWorkDirectoryLeft();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void onlyPlainFilesInTheDomainsOvaDirectoryAreRegistered() throws Exception {
        Files.createDirectories(OVA_DIR);
        for (String name : List.of("../../../etc/passwd.ova", "/etc/x.ova", "x.tar", ".hidden.ova")) {
            given().contentType(ContentType.JSON).body("{\"fileName\":\"" + name + "\",\"name\":\"x\"}").post("/api/v1/ovas")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body("{\"fileName\":\"" + TAG + "-nowhere.ova\",\"name\":\"x\"}")
                .post("/api/v1/ovas").then().statusCode(422).body("detail", containsString("there is no file"));
        Path link = OVA_DIR.resolve(TAG + "-link.ova");
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        given().contentType(ContentType.JSON).body("{\"fileName\":\"" + link.getFileName() + "\",\"name\":\"x\"}")
                .post("/api/v1/ovas").then().statusCode(422);
        Path twice = archive("twice", "vm.ovf", ovf("twice", 128, null));
        register(twice);
        given().contentType(ContentType.JSON).body("{\"fileName\":\"" + twice.getFileName() + "\",\"name\":\"x\"}")
                .post("/api/v1/ovas").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUploadThatIsNotAnOvaIsRefusedAndOneThatIsBecomesOne() throws Exception {
        byte[] junk = "junk".repeat(256).getBytes(StandardCharsets.US_ASCII);
        String upload = given().contentType(ContentType.JSON).body("{\"name\":\"" + TAG + "-junk\",\"format\":\"ova\",\"sizeBytes\":"
                + junk.length + "}").post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-" + (junk.length - 1) + "/" + junk.length)
                .body(junk).put("/api/v1/images/uploads/" + upload).then().statusCode(200);
        given().post("/api/v1/images/uploads/" + upload + "/complete").then().statusCode(422)
                .body("detail", containsString("not a tar archive"));
        given().get("/api/v1/images/uploads/" + upload).then().body("status", equalTo("FAILED"));

        byte[] ova = Files.readAllBytes(archive("upload-src", "vm.ovf", ovf(TAG + "-up", 128, null)));
        String good = given().contentType(ContentType.JSON).body("{\"name\":\"" + TAG + "-up\",\"format\":\"ova\",\"sizeBytes\":"
                + ova.length + "}").post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-" + (ova.length - 1) + "/" + ova.length)
                .body(ova).put("/api/v1/images/uploads/" + good).then().statusCode(200);
        String ovaId = given().post("/api/v1/images/uploads/" + good + "/complete").then().statusCode(201)
                .body("status", equalTo("READY")).body("uploadId", equalTo(good)).extract().path("id");
        importAs(ovaId, null).statusCode(201).body("name", equalTo(TAG + "-up"));
        given().delete("/api/v1/ovas/" + ovaId).then().statusCode(204);
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void ovasAreForAdministrators() {
        given().get("/api/v1/ovas").then().statusCode(403);
        given().post("/api/v1/vms/" + UUID.randomUUID() + "/export").then().statusCode(403);
        importAs(UUID.randomUUID().toString(), "x").statusCode(403);
    }
}
