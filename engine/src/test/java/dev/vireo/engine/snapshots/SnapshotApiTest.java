package dev.vireo.engine.snapshots;

import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Snapshots through the API without a host: validation, who may do what, and the refusals that come before
 * any host is asked. One story in order: alice owns a VM; it gets a disk; bob may use it once granted, but
 * not delete its snapshots. (The lab's SnapshotTest makes, reverts and deletes real ones.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotApiTest {
    private static String vm;
    private static UUID diskId;

    private static ValidatableResponse snapshot(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/vms/" + vm + "/snapshots").then();
    }

    private static UUID row(String name, boolean withMemory, SnapshotStatus status, UUID disk) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Snapshot s = new Snapshot();
            s.id = UUID.randomUUID();
            s.vmId = UUID.fromString(vm);
            s.diskId = disk;
            s.name = name;
            s.withMemory = withMemory;
            s.status = status;
            s.libvirtXml = withMemory ? "<domainsnapshot/>" : null;
            s.createdAt = OffsetDateTime.now();
            s.createdBy = "alice";
            s.persist();
            if (disk != null) {
                SnapshotDisk.of(s.id, Disk.BOOT_TARGET, disk, "snap-disk", null).persist();
            }
            return s.id;
        });
    }

    private static void vmStatus(VmStatus status) {
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = status);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "user")
    void aVmWithoutADiskHasNothingToSnapshot() {
        vm = given().contentType(ContentType.JSON).body("{\"name\":\"snap-vm\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        snapshot("{\"name\":\"first\"}").statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("VM snap-vm has no disk to snapshot"));
        given().get("/api/v1/vms/" + vm + "/snapshots").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "user")
    void badRequestsAreRefusedWithTheFieldNamed() {
        snapshot("{}").statusCode(400).body("detail", containsString("name"));
        snapshot("{\"name\":\"\"}").statusCode(400);
        snapshot("{\"name\":\" leading space\"}").statusCode(400);
        snapshot("{\"name\":\"../../etc/passwd\"}").statusCode(400).body("detail", containsString("letters, digits"));
        snapshot("{\"name\":\"a<b>\"}").statusCode(400);
        snapshot("{\"name\":\"" + "x".repeat(65) + "\"}").statusCode(400);
        snapshot("{\"name\":\"ok\",\"description\":\"" + "d".repeat(1025) + "\"}").statusCode(400);
        snapshot("{\"name\":\"ok\",\"description\":\"bell \\u0007\"}").statusCode(400)
                .body("detail", containsString("control characters"));
        snapshot("{\"name\":\"ok\",\"description\":\"lone \\ud800 half\"}").statusCode(400);
        snapshot("{\"name\":\"ok\",\"withMemory\":\"maybe\"}").statusCode(400);
        given().contentType(ContentType.JSON).post("/api/v1/vms/" + vm + "/snapshots").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/api/v1/vms/" + UUID.randomUUID() + "/snapshots")
                .then().statusCode(404);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "alice", roles = "user")
    void withADiskTheVmsStateDecidesWhatKindOfSnapshot() {
        diskId = QuarkusTransaction.requiringNew().call(() -> {
            Disk d = new Disk();
            d.id = UUID.randomUUID();
            d.name = "snap-disk";
            d.storageDomainId = StorageDomain.DEFAULT_ID;
            d.sizeBytes = 16L << 20;
            d.vmId = UUID.fromString(vm);
            d.target = Disk.BOOT_TARGET;
            d.createdAt = OffsetDateTime.now();
            d.createdBy = "admin";
            d.persist();
            Vm.<Vm>findById(d.vmId).bootDisk = d.volumePath();
            return d.id;
        });
        snapshot("{\"name\":\"mem\",\"withMemory\":true}").statusCode(409)
                .body("detail", containsString("is DOWN: it has no memory to save"));
        // a well-formed request for a DOWN VM gets as far as looking for a host to do the work
        snapshot("{\"name\":\"disk only\",\"description\":\"a <b>fine</b> & long\\ndescription ✓\"}").statusCode(409)
                .body("detail", containsString("no host is up"));
        vmStatus(VmStatus.RUNNING);
        snapshot("{\"name\":\"live\",\"withMemory\":false}").statusCode(409)
                .body("detail", containsString("an internal snapshot of a running VM includes its memory"));
        vmStatus(VmStatus.MIGRATING);
        snapshot("{\"name\":\"moving\",\"withMemory\":true}").statusCode(409).body("detail", containsString("MIGRATING"));
        vmStatus(VmStatus.DOWN);
        row("taken", false, SnapshotStatus.OK, diskId);
        snapshot("{\"name\":\"taken\"}").statusCode(409).body("detail", containsString("'taken' already"));
        given().get("/api/v1/vms/" + vm + "/snapshots").then().statusCode(200)
                .body("name", hasItem("taken")).body("[0]", not(hasKey("libvirtXml")))
                .body("[0].status", equalTo("OK")).body("[0].withMemory", equalTo(false));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "alice", roles = "user")
    void revertIsRefusedWhereItCannotWork() {
        UUID memory = row("with memory", true, SnapshotStatus.OK, diskId);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + memory + "/revert").then().statusCode(409)
                .body("detail", containsString("start it, then revert"));
        UUID failed = row("failed one", false, SnapshotStatus.FAILED, diskId);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + failed + "/revert").then().statusCode(409)
                .body("detail", containsString("is FAILED"));
        UUID taken = QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>find("name", "taken").firstResult().id);
        vmStatus(VmStatus.MIGRATING);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + taken + "/revert").then().statusCode(409)
                .body("detail", containsString("is MIGRATING"));
        vmStatus(VmStatus.DOWN);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + taken + "/revert").then().statusCode(409)
                .body("detail", containsString("no host is up"));
        given().post("/api/v1/vms/" + vm + "/snapshots/" + UUID.randomUUID() + "/revert").then().statusCode(404);
        given().get("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(200).body("name", equalTo("taken"));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "bob", roles = "user")
    void someoneWithoutAPermissionSeesNothing() {
        given().get("/api/v1/vms/" + vm + "/snapshots").then().statusCode(404);
        snapshot("{\"name\":\"bobs\"}").statusCode(404);
        UUID taken = QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>find("name", "taken").firstResult().id);
        given().get("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(404);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + taken + "/revert").then().statusCode(404);
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(404);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorGrantsBobUse() {
        given().contentType(ContentType.JSON).body("{\"principalKind\":\"USER\",\"principal\":\"bob\",\"role\":\"USER\","
                + "\"objectKind\":\"VM\",\"objectId\":\"" + vm + "\"}").post("/api/v1/permissions").then().statusCode(201);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "bob", roles = "user")
    void aUserOfTheVmListsMakesAndRevertsButDoesNotDelete() {
        given().get("/api/v1/vms/" + vm + "/snapshots").then().statusCode(200).body("name", hasItem("taken"));
        snapshot("{\"name\":\"bobs\"}").statusCode(409).body("detail", containsString("no host is up"));
        UUID taken = QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>find("name", "taken").firstResult().id);
        given().post("/api/v1/vms/" + vm + "/snapshots/" + taken + "/revert").then().statusCode(409)
                .body("detail", containsString("no host is up"));
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(403)
                .body("detail", containsString("ADMIN"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "alice", roles = "user")
    void theOwnerDeletesASnapshotWhoseDiskIsGone() {
        UUID orphan = row("orphan", false, SnapshotStatus.OK, null);
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + orphan).then().statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("action", equalTo("snapshot-delete"));
        given().get("/api/v1/vms/" + vm + "/snapshots/" + orphan).then().statusCode(404);
        UUID taken = QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>find("name", "taken").firstResult().id);
        // with its disk there, deleting needs a host like everything else
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(409)
                .body("detail", containsString("no host is up"));
    }

    @Test
    @Order(9)
    @TestSecurity(user = "admin", roles = "admin")
    void theAuditLogNamesWhoDeletedIt() {
        given().get("/api/v1/events?objectId=" + vm).then().statusCode(200)
                .body("items.actor", hasItem("alice"))
                .body("items.action", hasItem("vm.snapshot-deleted"))
                .body("items.message", hasItem(containsString("snapshot 'orphan' deleted")));
    }
}
