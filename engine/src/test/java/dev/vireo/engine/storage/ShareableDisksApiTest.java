package dev.vireo.engine.storage;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.vireo.engine.support.Fixtures.attach;
import static dev.vireo.engine.support.Fixtures.disk;
import static dev.vireo.engine.support.Fixtures.vm;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Shareable disks through the API without a host: raw only, attached to several VMs (each with its own guest
 * device, never vda), kept while any VM has them, left out of snapshots, refused by templates and OVA export; a disk that
 * is not shareable stays on one VM. (The lab's ShareableDiskTest plugs one into two real guests.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ShareableDisksApiTest {

    private static ValidatableResponse create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/disks").then();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aShareableDiskIsRawAndARawDiskIsShareable() {
        create("{\"name\":\"sh-q\",\"sizeMiB\":16,\"shareable\":true,\"format\":\"qcow2\"}").statusCode(422)
                .body("detail", containsString("a shareable disk is raw"));
        create("{\"name\":\"sh-r\",\"sizeMiB\":16,\"format\":\"raw\"}").statusCode(422)
                .body("detail", containsString("raw volumes are for shareable disks"));
        create("{\"name\":\"sh-v\",\"sizeMiB\":16,\"shareable\":true,\"format\":\"vmdk\"}").statusCode(400);
        // valid: on to the volume work, which needs a host
        create("{\"name\":\"sh-ok\",\"sizeMiB\":16,\"shareable\":true,\"format\":\"raw\"}").statusCode(409)
                .body("detail", containsString("no host is up"));
        String id = disk("sh-path", true);
        String path = QuarkusTransaction.requiringNew().call(() -> Disk.<Disk>findById(UUID.fromString(id)).volumePath());
        org.junit.jupiter.api.Assertions.assertTrue(path.endsWith(id + ".raw"), path);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aShareableDiskGoesOnSeveralVmsAndStaysWhileAnyHasIt() {
        String a = vm("sh-vm-a");
        String b = vm("sh-vm-b");
        String shared = disk("sh-shared", true);
        String own = disk("sh-own", false);
        // never the boot disk, even on a VM without one
        attach(a, shared).statusCode(200).body("target", equalTo("vdb")).body("vmId", equalTo(a))
                .body("shareable", equalTo(true));
        attach(a, own).statusCode(200).body("target", equalTo("vda"));
        attach(b, shared).statusCode(200).body("target", equalTo("vdb"));
        attach(a, shared).statusCode(409).body("detail", containsString("this VM already"));
        attach(b, own).statusCode(409).body("detail", allOf(containsString("another VM"), containsString("not shareable")));
        // the next device of a VM skips the one its shareable disk has
        String second = disk("sh-second", false);
        attach(a, second).statusCode(200).body("target", equalTo("vdc"));

        given().get("/api/v1/vms/" + a + "/disks").then().statusCode(200)
                .body("target", equalTo(List.of("vda", "vdb", "vdc"))).body("shareable", equalTo(List.of(false, true, false)));
        given().get("/api/v1/disks/" + shared).then().statusCode(200).body("vmId", nullValue())
                .body("sharedWith", hasSize(2)).body("sharedWith.vmId", equalTo(List.of(a, b)));

        given().delete("/api/v1/disks/" + shared).then().statusCode(409)
                .body("detail", allOf(containsString("sh-vm-a"), containsString("sh-vm-b")));

        // a disk is resized while every VM that has it is down
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(b)).status = VmStatus.PAUSED);
        given().contentType(ContentType.JSON).body("{\"sizeMiB\":32}").post("/api/v1/disks/" + shared + "/resize").then()
                .statusCode(409).body("detail", containsString("sh-vm-b is PAUSED"));
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(b)).setStatus(VmStatus.DOWN));

        given().delete("/api/v1/vms/" + a + "/disks/" + shared).then().statusCode(204);
        given().delete("/api/v1/vms/" + a + "/disks/" + shared).then().statusCode(404);
        given().get("/api/v1/disks/" + shared).then().body("sharedWith.vmId", equalTo(List.of(b)));
        // deleting the VM frees the disk from it
        given().delete("/api/v1/vms/" + b).then().statusCode(204);
        given().get("/api/v1/disks/" + shared).then().body("sharedWith", hasSize(0));
        given().delete("/api/v1/disks/" + shared).then().statusCode(409).body("detail", containsString("no host is up"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void templatesAndOvaExportRefuseAVmWithAShareableDisk() {
        String vm = vm("sh-refused");
        attach(vm, disk("sh-refused-boot", false)).statusCode(200);
        attach(vm, disk("sh-refused-shared", true)).statusCode(200);
        // a disk-only snapshot leaves the shareable disk out (MultiDiskSnapshotApiTest): it gets as far as a host
        given().contentType(ContentType.JSON).body("{\"name\":\"s1\"}").post("/api/v1/vms/" + vm + "/snapshots").then()
                .statusCode(409).body("detail", containsString("no host is up"));
        given().contentType(ContentType.JSON).body("{\"vmId\":\"" + vm + "\",\"name\":\"sh-tpl\"}").post("/api/v1/templates")
                .then().statusCode(409).body("detail", containsString("templates are not made from VMs with shareable disks"));
        given().post("/api/v1/vms/" + vm + "/export").then().statusCode(409)
                .body("detail", containsString("OVA export does not cover VMs with shareable disks"));
    }
}
