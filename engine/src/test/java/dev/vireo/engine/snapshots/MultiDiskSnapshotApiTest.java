package dev.vireo.engine.snapshots;

import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.SnapshotSpec;
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
import java.util.List;
import java.util.UUID;

import static dev.vireo.engine.support.Fixtures.disk;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of a VM with several disks, without a host: what a snapshot covers and leaves out, the snapshot's
 * disks in the API, and the refusals of revert and delete when the VM's disks are no longer the snapshot's.
 * One story in order on one VM: vda and vdb of its own, a shareable disk as vdc. (The lab's
 * MultiDiskSnapshotTest makes, reverts and deletes real ones.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiDiskSnapshotApiTest {
    private static String vm;
    private static String boot;
    private static String data;
    private static String shared;
    private static UUID taken;

    private static ValidatableResponse attach(String disk) {
        return given().contentType(ContentType.JSON).body("{\"diskId\":\"" + disk + "\"}").post("/api/v1/vms/" + vm + "/disks").then();
    }

    private static ValidatableResponse snapshot(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/vms/" + vm + "/snapshots").then();
    }

    private static ValidatableResponse revert(UUID snapshot) {
        return given().post("/api/v1/vms/" + vm + "/snapshots/" + snapshot + "/revert").then();
    }

    private static void vmStatus(VmStatus status) {
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = status);
    }

    /** A made snapshot with the rows CreateSnapshot writes for what the VM has now. */
    private static UUID made(String name, boolean withMemory) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SnapshotSupport.Coverage coverage = SnapshotSupport.coverage(Vm.findById(UUID.fromString(vm)));
            Snapshot s = new Snapshot();
            s.id = UUID.randomUUID();
            s.vmId = UUID.fromString(vm);
            s.diskId = coverage.first().id;
            s.name = name;
            s.withMemory = withMemory;
            s.status = SnapshotStatus.OK;
            s.libvirtXml = withMemory ? "<domainsnapshot/>" : null;
            s.createdAt = OffsetDateTime.now();
            s.createdBy = "admin";
            s.persist();
            coverage.covered().forEach(d -> SnapshotDisk.of(s.id, d.target, d.id, d.name, null).persist());
            coverage.leftOut().forEach(d -> {
                d.snapshotId = s.id;
                d.persist();
            });
            return s.id;
        });
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin", roles = "admin")
    void aSnapshotCoversTheVmsOwnDisksAndLeavesTheShareableOneOut() {
        vm = given().contentType(ContentType.JSON).body("{\"name\":\"multi-snap\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        boot = disk("multi-boot", false);
        data = disk("multi-data", false);
        shared = disk("multi-shared", true);
        attach(boot).statusCode(200).body("target", equalTo("vda"));
        attach(data).statusCode(200).body("target", equalTo("vdb"));
        attach(shared).statusCode(200).body("target", equalTo("vdc"));

        SnapshotSupport.Coverage coverage = QuarkusTransaction.requiringNew().call(
                () -> SnapshotSupport.coverage(Vm.findById(UUID.fromString(vm))));
        assertEquals(List.of("vda", "vdb"), coverage.covered().stream().map(d -> d.target).toList());
        assertEquals(List.of("vdc"), coverage.leftOut().stream().map(d -> d.target).toList());
        assertTrue(coverage.leftOut().get(0).excluded.startsWith("shareable raw disk"), coverage.leftOut().get(0).excluded);
        List<SnapshotSpec.Disk> specs = QuarkusTransaction.requiringNew().call(
                () -> SnapshotSupport.coverage(Vm.findById(UUID.fromString(vm))).specs());
        assertTrue(specs.get(0).path().endsWith(boot + ".qcow2") && specs.get(1).path().endsWith(data + ".qcow2"), specs.toString());
        SnapshotSpec spec = SnapshotSpec.of(UUID.randomUUID().toString(), null, false, null, specs);
        assertEquals(null, spec.diskPath(), "two disks: an agent that knows one disk only refuses");

        // disk-only while DOWN: it gets as far as looking for a host
        snapshot("{\"name\":\"down\"}").statusCode(409).body("detail", containsString("no host is up"));
        // with memory, the shareable disk cannot be left out: refused naming it
        vmStatus(VmStatus.RUNNING);
        snapshot("{\"name\":\"live\",\"withMemory\":true}").statusCode(409).body("detail", allOf(
                containsString("shareable disk(s) multi-shared (vdc)"), containsString("detach it first")));
        vmStatus(VmStatus.DOWN);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin", roles = "admin")
    void theSnapshotListsItsDisks() {
        taken = made("both", false);
        given().get("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(200)
                .body("diskId", equalTo(boot))
                .body("disks.target", equalTo(List.of("vda", "vdb", "vdc")))
                .body("disks.diskName", equalTo(List.of("multi-boot", "multi-data", "multi-shared")))
                .body("disks.covered", equalTo(List.of(true, true, false)))
                .body("disks[2].excluded", containsString("shareable raw disk"))
                .body("disks.deleted", equalTo(List.of(false, false, false)));
        // as it is, the revert gets as far as a host: the shareable disk stays as it is
        revert(taken).statusCode(409).body("detail", containsString("no host is up"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin", roles = "admin")
    void aDiskAttachedAfterTheSnapshotStopsTheRevertUntilDetached() {
        String later = disk("multi-later", false);
        attach(later).statusCode(200).body("target", equalTo("vdd"));
        revert(taken).statusCode(409).body("detail", equalTo("disk(s) multi-later (vdd) of VM multi-snap were attached "
                + "after snapshot 'both' was taken, which holds nothing of them: detach them to revert"));
        given().delete("/api/v1/vms/" + vm + "/disks/" + later).then().statusCode(204);
        revert(taken).statusCode(409).body("detail", containsString("no host is up"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin", roles = "admin")
    void aCoveredDiskThatIsDetachedStopsRevertAndDelete() {
        given().delete("/api/v1/vms/" + vm + "/disks/" + data).then().statusCode(204);
        revert(taken).statusCode(409).body("detail", equalTo("snapshot 'both' covers disk multi-data as vdb, which VM "
                + "multi-snap no longer has: attach it again as vdb to revert"));
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(409)
                .body("detail", containsString("is in disk multi-data, which VM multi-snap no longer has"));
        attach(data).statusCode(200).body("target", equalTo("vdb"));
        revert(taken).statusCode(409).body("detail", containsString("no host is up"));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin", roles = "admin")
    void aMemorySnapshotIsNotRevertedWithAShareableDiskAttached() {
        given().delete("/api/v1/vms/" + vm + "/disks/" + shared).then().statusCode(204);
        UUID live = made("live", true);
        attach(shared).statusCode(200).body("target", equalTo("vdc"));
        vmStatus(VmStatus.RUNNING);
        revert(live).statusCode(409).body("detail", allOf(containsString("shareable disk(s) multi-shared (vdc)"),
                containsString("detach them to revert")));
        vmStatus(VmStatus.DOWN);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin", roles = "admin")
    void aDeletedDiskTakesItsPartWithItTheSnapshotCanOnlyBeDeleted() {
        given().delete("/api/v1/vms/" + vm + "/disks/" + data).then().statusCode(204);
        // what Disks.delete does once the agent removed the volume (which needs a host here)
        QuarkusTransaction.requiringNew().run(() -> Disk.deleteById(UUID.fromString(data)));
        given().get("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(200)
                .body("disks.deleted", equalTo(List.of(false, true, false)))
                .body("disks[1].diskName", equalTo("multi-data"));
        revert(taken).statusCode(409).body("detail", equalTo("snapshot 'both' covers disk multi-data (vdb), which was "
                + "deleted since, and its part of the snapshot with it; the snapshot can no longer be reverted to, only deleted"));
        // deleting it removes it from vda, which is still there: that needs a host
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(409)
                .body("detail", containsString("no host is up"));
        // once vda is gone too, the snapshot is only a record and goes at once
        given().delete("/api/v1/vms/" + vm + "/disks/" + boot).then().statusCode(204);
        QuarkusTransaction.requiringNew().run(() -> Disk.deleteById(UUID.fromString(boot)));
        given().delete("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(202);
        given().get("/api/v1/vms/" + vm + "/snapshots/" + taken).then().statusCode(404);
    }
}
