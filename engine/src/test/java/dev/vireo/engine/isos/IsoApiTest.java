package dev.vireo.engine.isos;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.DiskSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ISO uploads and CD-ROMs without a host: a file that is not ISO 9660 is refused; an ISO goes into a stopped VM. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IsoApiTest {

    private static String upload(String name, byte[] image) {
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"format\":\"iso\",\"sizeBytes\":"
                + image.length + "}").post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-" + (image.length - 1) + "/" + image.length)
                .body(image).put("/api/v1/images/uploads/" + id).then().statusCode(200);
        return id;
    }

    static byte[] iso() {
        byte[] image = new byte[64 * 1024];
        System.arraycopy("\u0001CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 32768, 6);
        return image;
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anIsoIsUploadedAndPutIntoAStoppedVmsCdrom() throws Exception {
        String junk = upload("not-an-iso", new byte[64 * 1024]);
        given().post("/api/v1/images/uploads/" + junk + "/complete").then().statusCode(422)
                .body("detail", containsString("not an ISO 9660 image"));
        String iso = upload("install-iso", iso());
        given().post("/api/v1/images/uploads/" + iso + "/complete").then().statusCode(201).body("name", equalTo("install-iso"));
        given().get("/api/v1/isos").then().statusCode(200).body("id", hasItem(iso));

        String vm = given().contentType(ContentType.JSON).body("{\"name\":\"iso-vm\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"isoId\":\"" + junk + "\"}").put("/api/v1/vms/" + vm + "/cdrom")
                .then().statusCode(422);
        given().get("/api/v1/vms/" + vm + "/cdrom").then().statusCode(200).body("isoId", equalTo(null)).body("name", equalTo(null));
        given().contentType(ContentType.JSON).body("{\"isoId\":\"" + iso + "\"}").put("/api/v1/vms/" + vm + "/cdrom")
                .then().statusCode(204);
        given().get("/api/v1/vms/" + vm + "/cdrom").then().statusCode(200).body("isoId", equalTo(iso)).body("name", equalTo("install-iso"));
        given().get("/api/v1/vms/" + UUID.randomUUID() + "/cdrom").then().statusCode(404);
        List<DiskSpec> disks = QuarkusTransaction.requiringNew().call(() -> ActionSupport.specOf(Vm.findById(UUID.fromString(vm))).disks());
        assertEquals(List.of(new DiskSpec("/var/lib/vireo/images/domains/default/iso/" + iso + ".iso", "hdc")), disks);
        Files.deleteIfExists(Path.of(disks.get(0).path()));

        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = VmStatus.RUNNING);
        given().delete("/api/v1/vms/" + vm + "/cdrom").then().statusCode(409);
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = VmStatus.DOWN);
        given().delete("/api/v1/vms/" + vm + "/cdrom").then().statusCode(204);
        given().get("/api/v1/vms/" + vm + "/cdrom").then().statusCode(200).body("isoId", equalTo(null));
    }
}
