package dev.vireo.engine.network;

import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIC hot-plug through the API without an agent: a running VM's new NIC needs its host's agent, and when the
 * plug cannot be done nothing stays behind (no NIC, the MAC back in the pool); a bridge the host does not
 * report is refused before anything is recorded; an unplug the agent did not confirm keeps the NIC. (The lab's
 * NicHotplugTest plugs into a real guest.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NicHotplugApiTest {

    private static String network(String name, String bridge) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"bridge\":\"" + bridge + "\"}")
                .post("/api/v1/networks").then().statusCode(201).extract().path("id");
    }

    private static String vm(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
    }

    private static String host(String name) {
        return given().contentType(ContentType.JSON)
                .body("{\"token\":\"test-token\",\"facts\":{\"hostname\":\"" + name + "\",\"cpuCount\":4,\"memoryMiB\":4096}}")
                .post("/api/v1/hosts/enroll").then().statusCode(200).extract().path("hostId");
    }

    private static ValidatableResponse add(String vm, String network) {
        return given().contentType(ContentType.JSON).body("{\"networkId\":\"" + network + "\"}")
                .post("/api/v1/vms/" + vm + "/nics").then();
    }

    private static void runOn(String vm, String host, VmStatus status) {
        QuarkusTransaction.requiringNew().run(() -> {
            Vm v = Vm.findById(UUID.fromString(vm));
            v.status = status;
            v.hostId = host == null ? null : UUID.fromString(host);
        });
    }

    private static void down(String vm) {
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).setStatus(VmStatus.DOWN));
    }

    private static long nicsOf(String vm) {
        return QuarkusTransaction.requiringNew().call(() -> VmNic.count("vmId", UUID.fromString(vm)));
    }

    private static String highestMac() {
        return QuarkusTransaction.requiringNew().call(() -> (String) VmNic.getEntityManager()
                .createNativeQuery("select max(mac) from vm_nics").getSingleResult());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aHotPlugWithoutTheAgentLeavesNothingBehind() {
        String net = network("hot-net", "hotbr0");
        String vm = vm("hot-nic-vm");
        String host = host("hot-nic-host");
        runOn(vm, host, VmStatus.RUNNING);
        String before = highestMac();

        add(vm, net).statusCode(503).body("detail", containsString("hot-plugging a NIC on bridge hotbr0"))
                .body("detail", containsString("not connected")).body("detail", containsString("nothing was added"));
        assertEquals(0, nicsOf(vm));
        assertEquals(before, highestMac(), "the MAC went back to the pool");
        String failed = given().get("/api/v1/events?limit=50&objectId=" + vm).then().statusCode(200)
                .body("items.action", hasItem("vm.nic-add-failed")).extract().jsonPath()
                .getString("items.find { it.action == 'vm.nic-add-failed' }.message");
        String failedMac = failed.replaceAll("^hot-plug of NIC (\\S+) failed: .*$", "$1");
        assertTrue(failed.contains("not connected") && failedMac.startsWith("56:6f:"), failed);

        // paused is live too
        runOn(vm, host, VmStatus.PAUSED);
        add(vm, net).statusCode(503);
        assertEquals(0, nicsOf(vm));
        // moving between hosts: neither here nor there
        runOn(vm, host, VmStatus.MIGRATING);
        add(vm, net).statusCode(409).body("detail", containsString("MIGRATING"));
        assertEquals(0, nicsOf(vm));

        // the MAC the failed plug had is free: the pool gives it again
        down(vm);
        add(vm, net).statusCode(201).body("mac", equalTo(failedMac));
        given().get("/api/v1/vms/" + vm + "/nics").then().body("$", hasSize(1)).body("[0].mac", equalTo(failedMac));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aBridgeTheHostLacksIsRefusedByName() {
        String net = network("hot-absent", "absentbr0");
        String other = network("hot-present", "presentbr0");
        String vm = vm("hot-bridge-vm");
        String host = host("hot-bridge-host");
        QuarkusTransaction.requiringNew().run(() -> Host.<Host>findById(UUID.fromString(host)).nics = Json.writeValue(List.of(
                new HostNic("eth0", "nic", "52:54:00:00:00:01", 1000, "up", null, "presentbr0"),
                new HostNic("presentbr0", "bridge", "52:54:00:00:00:01", null, "up", null, null))));
        runOn(vm, host, VmStatus.RUNNING);
        String before = highestMac();
        add(vm, net).statusCode(409).body("detail", containsString("has no bridge absentbr0"))
                .body("detail", containsString("hot-bridge-host")).body("detail", containsString("hot-absent"));
        assertEquals(0, nicsOf(vm));
        assertEquals(before, highestMac());
        // a bridge it has gets as far as the agent, which is not connected
        add(vm, other).statusCode(503).body("detail", containsString("not connected"));
        assertEquals(0, nicsOf(vm));
        down(vm);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUnplugTheAgentDidNotConfirmKeepsTheNic() {
        String net = network("hot-unplug-net", "unplugbr0");
        String vm = vm("hot-unplug-vm");
        String host = host("hot-unplug-host");
        String nic = add(vm, net).statusCode(201).extract().path("id");
        runOn(vm, host, VmStatus.RUNNING);
        given().delete("/api/v1/vms/" + vm + "/nics/" + nic).then().statusCode(503)
                .body("detail", containsString("it stays")).body("detail", containsString("not connected"));
        assertEquals(1, nicsOf(vm));
        given().delete("/api/v1/vms/" + vm + "/nics/" + UUID.randomUUID()).then().statusCode(404);
        down(vm);
        given().delete("/api/v1/vms/" + vm + "/nics/" + nic).then().statusCode(204);
        assertEquals(0, nicsOf(vm));
    }
}
