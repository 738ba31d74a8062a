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
import static dev.vireo.engine.support.Fixtures.host;
import static dev.vireo.engine.support.Fixtures.vm;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Non-shared storage domains through the API without agents: the setting is shown (the default domain, like every
 * domain before, is shared); a disk there belongs to one host, so a running VM elsewhere cannot take it and a VM
 * with a shareable one cannot migrate (its copy would race the other VMs' writes). The lab's
 * NonSharedMigrationTest copies such a disk with a real guest.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class NonSharedStorageApiTest {

    private static String domain(String name, String shared) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"path\":\"/var/lib/vireo/images/"
                        + name + "\"" + (shared == null ? "" : ",\"shared\":" + shared) + "}")
                .post("/api/v1/storagedomains").then().statusCode(201).extract().path("id");
    }

    private static void runningOn(String vm, UUID host) {
        QuarkusTransaction.requiringNew().run(() -> {
            Vm v = Vm.findById(UUID.fromString(vm));
            v.placeOn(host);
            v.setStatus(VmStatus.RUNNING);
        });
    }

    @Test
    void aDomainSaysWhetherItIsShared() {
        String local = domain("ns-local", "false");
        String shared = domain("ns-shared", null);
        given().get("/api/v1/storagedomains").then().statusCode(200)
                .body("find { it.name == 'default' }.shared", equalTo(true))
                .body("find { it.name == 'ns-local' }.shared", equalTo(false))
                .body("find { it.name == 'ns-shared' }.shared", equalTo(true))
                .body("id", hasItem(local)).body("id", hasItem(shared));
        given().contentType(ContentType.JSON).body("{\"name\":\"ns-bad\",\"path\":\"/var/lib/vireo/images/ns-bad\",\"shared\":\"perhaps\"}")
                .post("/api/v1/storagedomains").then().statusCode(400);
    }

    @Test
    void aDiskOfOneHostGoesOnlyToAVmRunningThere() {
        String local = domain("ns-attach", "false");
        UUID a = host("ns-a");
        UUID b = host("ns-b");
        String vm = vm("ns-attach-vm");
        runningOn(vm, b);
        String onA = disk("ns-on-a", local, a, false);
        attach(vm, onA).statusCode(409)
                .body("detail", allOf(containsString("non-shared storage of host ns-a"), containsString("runs on host ns-b")));
        given().get("/api/v1/disks/" + onA).then().statusCode(200).body("hostId", equalTo(a.toString()))
                .body("vmId", equalTo(null));

        // while down it may take disks of one host, not of two
        String down = vm("ns-down-vm");
        attach(down, onA).statusCode(200);
        String onB = disk("ns-on-b", local, b, false);
        attach(down, onB).statusCode(409)
                .body("detail", containsString("must be on one host"));
    }

    @Test
    void aVmWithAShareableDiskOnNonSharedStorageDoesNotMigrate() {
        String local = domain("ns-migrate", "false");
        UUID a = host("ns-mig-a");
        String vm = vm("ns-mig-vm");
        String own = disk("ns-mig-own", local, a, false);
        String shared = disk("ns-mig-shared", local, a, true);
        attach(vm, own).statusCode(200);
        attach(vm, shared).statusCode(200);
        runningOn(vm, a);
        given().post("/api/v1/vms/" + vm + "/migrate").then().statusCode(409)
                .body("detail", allOf(containsString("shareable disk(s) ns-mig-shared on non-shared storage"),
                        containsString("cannot copy")));
        given().get("/api/v1/vms/" + vm).then().body("status", equalTo("RUNNING"));
        given().get("/api/v1/vms/" + vm + "/disks").then().body("hostId", equalTo(List.of(a.toString(), a.toString())));
    }
}
