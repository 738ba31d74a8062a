package dev.vireo.engine.vms;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A plain user never names a file on a host: host boot paths are for administrators, and a VM made before that
 * rule (its boot source unknown) that names a file outside the guest kit and the templates is not started for one.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BootTrustApiTest {
    static final String A_DISK = "/var/lib/vireo/images/domains/default/0b5e6d9e-0000-4000-8000-000000000001.qcow2";

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void aUserMayNotGiveHostPaths() {
        for (String boot : new String[]{"{\"diskImage\":\"" + A_DISK + "\"}",
                "{\"kernel\":\"/var/lib/vireo/images/kit/vmlinuz\",\"initrd\":\"/var/lib/vireo/images/saved/x.sav\"}",
                "{\"kernel\":\"/var/lib/vireo/images/ovas/a.ova\"}"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"name\":\"alice-paths\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":" + boot + "}")
                    .post("/api/v1/vms").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("only administrators may boot a VM from host paths"));
        }
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> Vm.count("name", "alice-paths")), "nothing stored");
        // the guest kit stays hers to boot, and it is recorded as such
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"alice-kit\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        assertEquals(BootPolicy.Source.KIT, QuarkusTransaction.requiringNew().call(
                () -> Vm.<Vm>findById(UUID.fromString(id)).bootSource));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorMayAndIsRecordedAsTheSource() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\":\"admin-paths\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"diskImage\":\"" + A_DISK + "\"}}")
                .post("/api/v1/vms").then().statusCode(201).body("boot.diskImage", equalTo(A_DISK)).extract().path("id");
        assertEquals(BootPolicy.Source.ADMIN, QuarkusTransaction.requiringNew().call(
                () -> Vm.<Vm>findById(UUID.fromString(id)).bootSource));
    }

    @Test
    @TestSecurity(user = "bob", roles = "user")
    void anOldVmWithAUserGivenPathIsNotStartedForAUser() {
        Vm old = legacyVm("bob-old-disk", "bob", A_DISK, null);
        Vm kit = legacyVm("bob-old-kit", "bob", null, "/var/lib/vireo/images/kit/vmlinuz");
        given().post("/api/v1/vms/" + old.id + "/start").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only an administrator may start it"))
                .body("detail", containsString(A_DISK));
        given().contentType(ContentType.JSON).body("{\"vmIds\":[\"" + old.id + "\",\"" + kit.id + "\"]}")
                .post("/api/v1/vms/start").then().statusCode(200)
                .body("results[0].status", equalTo(403))
                .body("results[1].status", equalTo(409));   // the guest kit's VM passes the boot check (no host here)
        given().get("/api/v1/vms/" + old.id).then().statusCode(200).body("status", equalTo("DOWN"));
    }

    /** A VM row as the engine left it before boot sources were recorded. */
    private static Vm legacyVm(String prefix, String owner, String disk, String kernel) {
        Vm vm = Fixtures.vmRow(prefix, VmStatus.DOWN, null, owner, OffsetDateTime.now());
        QuarkusTransaction.requiringNew().run(() -> {
            Vm v = Vm.findById(vm.id);
            v.bootDisk = disk;
            v.bootKernel = kernel;
            v.bootSource = null;
        });
        return vm;
    }
}
