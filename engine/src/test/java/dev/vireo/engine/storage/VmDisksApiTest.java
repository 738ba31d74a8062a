package dev.vireo.engine.storage;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.vireo.engine.support.Fixtures.attach;
import static dev.vireo.engine.support.Fixtures.disk;
import static dev.vireo.engine.support.Fixtures.vm;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Several disks per VM through the API without a host: guest devices allocated (vda the boot disk, then vdb …),
 * a disk on one VM only, and what a running VM's hot-plug does when its host cannot be reached (the disk is
 * given back). (The lab's DiskHotplugTest plugs into a real guest.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class VmDisksApiTest {

    private static Vm row(String vm) {
        return QuarkusTransaction.requiringNew().call(() -> Vm.findById(UUID.fromString(vm)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void disksGetGuestDevicesInOrderAndTheBootDiskStaysFirst() {
        String vm = vm("disks-vm");
        String a = disk("disks-a", false);
        String b = disk("disks-b", false);
        String c = disk("disks-c", false);
        attach(vm, a).statusCode(200).body("target", equalTo("vda"));
        attach(vm, b).statusCode(200).body("target", equalTo("vdb"));
        attach(vm, c).statusCode(200).body("target", equalTo("vdc"));
        given().get("/api/v1/vms/" + vm + "/disks").then().statusCode(200)
                .body("target", equalTo(List.of("vda", "vdb", "vdc")));
        String bootPath = row(vm).bootDisk;
        assertEquals(QuarkusTransaction.requiringNew().call(() -> Disk.<Disk>findById(UUID.fromString(a)).volumePath()), bootPath);

        attach(vm, b).statusCode(409).body("detail", containsString("attached to this VM already"));
        attach(vm("disks-other"), b).statusCode(409).body("detail", containsString("another VM"));

        // a freed device is reused; detaching the boot disk leaves the VM without one until a disk takes vda
        given().delete("/api/v1/vms/" + vm + "/disks/" + b).then().statusCode(204);
        given().delete("/api/v1/vms/" + vm + "/disks/" + a).then().statusCode(204);
        assertNull(row(vm).bootDisk);
        attach(vm, b).statusCode(200).body("target", equalTo("vda"));
        attach(vm, a).statusCode(200).body("target", equalTo("vdb"));
        given().get("/api/v1/disks/" + a).then().body("target", equalTo("vdb"));

        // a VM saved with its memory keeps the devices its memory expects
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).savedState = "/var/lib/vireo/images/x.save");
        attach(vm, c).statusCode(409);
        given().delete("/api/v1/vms/" + vm + "/disks/" + a).then().statusCode(409).body("detail", containsString("saved"));
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).savedState = null);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void deletingAVmFreesItsDisksWhichStay() {
        String vm = vm("disks-deleted-vm");
        String a = disk("disks-kept-a", false);
        String b = disk("disks-kept-b", false);
        attach(vm, a).statusCode(200);
        attach(vm, b).statusCode(200);
        given().delete("/api/v1/vms/" + vm).then().statusCode(204);
        for (String d : List.of(a, b)) {
            given().get("/api/v1/disks/" + d).then().statusCode(200).body("vmId", nullValue()).body("target", nullValue());
        }
        attach(vm("disks-next-vm"), b).statusCode(200).body("target", equalTo("vda"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRunningVmsHotPlugNeedsItsHostAndGivesTheDiskBackWhenItFails() {
        String vm = vm("hot-vm");
        String boot = disk("hot-boot", false);
        String data = disk("hot-data", false);
        attach(vm, boot).statusCode(200);
        String host = given().contentType(ContentType.JSON)
                .body("{\"token\":\"test-token\",\"facts\":{\"hostname\":\"hot-host\",\"cpuCount\":4,\"memoryMiB\":4096}}")
                .post("/api/v1/hosts/enroll").then().statusCode(200).extract().path("hostId");
        QuarkusTransaction.requiringNew().run(() -> {
            Vm v = Vm.findById(UUID.fromString(vm));
            v.status = VmStatus.RUNNING;
            v.hostId = UUID.fromString(host);
        });
        attach(vm, data).statusCode(409).body("detail", containsString("not connected"));
        given().get("/api/v1/disks/" + data).then().body("vmId", nullValue()).body("target", nullValue());
        given().delete("/api/v1/vms/" + vm + "/disks/" + boot).then().statusCode(409)
                .body("detail", containsString("boot disk"));
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = VmStatus.MIGRATING);
        attach(vm, data).statusCode(409).body("detail", containsString("MIGRATING"));
        QuarkusTransaction.requiringNew().run(() -> {
            Vm v = Vm.findById(UUID.fromString(vm));
            v.setStatus(VmStatus.DOWN);
        });
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void attachingIsForAdministrators() {
        attach(UUID.randomUUID().toString(), UUID.randomUUID().toString()).statusCode(403);
    }
}
