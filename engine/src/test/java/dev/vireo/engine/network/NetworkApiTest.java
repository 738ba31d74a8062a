package dev.vireo.engine.network;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.protocol.NicSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks and VM NICs through the API: bad input is a clear 4xx and stores nothing; 1,000 NICs made
 * concurrently get 1,000 distinct MACs from the pool; the start spec carries them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkApiTest {
    private static String networkId;
    private static String infraId;
    private static final List<String> vms = new ArrayList<>();

    private static String network(String name, Object vlan, Object mtu, String bridge) {
        return "{\"name\":" + name + ",\"vlanId\":" + vlan + ",\"mtu\":" + mtu + ",\"bridge\":" + bridge + "}";
    }

    private static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private static List<String> networkNames() {
        return given().get("/api/v1/networks").then().statusCode(200).extract().jsonPath().getList("name");
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorDefinesANetworkAndBadInputStoresNothing() {
        networkId = post("/api/v1/networks", network("\"nettest-vms\"", 100, 1500, "\"vireobr0\""))
                .then().statusCode(201).body("vlanId", equalTo(100)).body("mtu", equalTo(1500))
                .body("vmNetwork", equalTo(true)).body("required", equalTo(false)).body("bridge", equalTo("vireobr0"))
                .extract().path("id");
        infraId = post("/api/v1/networks", "{\"name\":\"nettest-infra\",\"bridge\":\"mgmt0\",\"vmNetwork\":false,\"required\":true}")
                .then().statusCode(201).body("mtu", equalTo(1500)).body("vlanId", equalTo(null)).extract().path("id");
        List<String> before = networkNames();

        rejected(network("\"nettest-v\"", 5000, 1500, "\"br0\""), 400, "vlanId");
        rejected(network("\"nettest-v\"", 0, 1500, "\"br0\""), 400, "vlanId");
        rejected(network("\"nettest-m\"", null, 10, "\"br0\""), 400, "mtu");
        rejected(network("\"nettest-m\"", null, 9001, "\"br0\""), 400, "mtu");
        for (String hostile : List.of("\"\"", "null", "\"../etc\"", "\"<script>x</script>\"", "\"a b\"",
                "\"x'; drop table networks; --\"", "\"" + "n".repeat(65) + "\"", "\"-lead\"", "\"tab\\there\"")) {
            rejected(network(hostile, null, 1500, "\"br0\""), 400, "name");
        }
        for (String bridge : List.of("null", "\"\"", "\"a-bridge-name-of-16\"", "\"br0; reboot\"", "\"br/0\"",
                "\"br0\\n\"", "\"brü\"")) {
            rejected(network("\"nettest-b\"", null, 1500, bridge), 400, "bridge");
        }
        rejected("{\"name\":\"nettest-c\",\"bridge\":\"br0\",\"clusterId\":\"" + UUID.randomUUID() + "\"}", 422, "cluster");
        rejected("{\"name\":\"nettest-c\",\"bridge\":\"br0\",\"clusterId\":\"not-a-uuid\"}", 400, "");
        rejected(network("\"nettest-vms\"", null, 1500, "\"br1\""), 409, "already exists");
        assertEquals(before, networkNames(), "nothing stored");
    }

    private static void rejected(String body, int status, String detail) {
        post("/api/v1/networks", body).then().statusCode(status).contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "user")
    void everyoneReadsNetworksButOnlyAdministratorsChangeThem() {
        assertTrue(networkNames().contains("nettest-vms"));
        post("/api/v1/networks", network("\"nettest-alice\"", null, 1500, "\"br0\"")).then().statusCode(403);
        given().contentType(ContentType.JSON).body(network("\"nettest-vms\"", 7, 1500, "\"br0\""))
                .put("/api/v1/networks/" + networkId).then().statusCode(403);
        given().delete("/api/v1/networks/" + networkId).then().statusCode(403);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorChangesANetwork() {
        given().contentType(ContentType.JSON).body(network("\"nettest-vms\"", null, 9000, "\"vireobr1\""))
                .put("/api/v1/networks/" + networkId).then().statusCode(200)
                .body("vlanId", equalTo(null)).body("mtu", equalTo(9000)).body("bridge", equalTo("vireobr1"));
        given().contentType(ContentType.JSON).body(network("\"nettest-vms\"", 5000, 1500, "\"br0\""))
                .put("/api/v1/networks/" + networkId).then().statusCode(400);
        given().contentType(ContentType.JSON).body(network("\"nettest-vms\"", null, 1500, "\"br0\""))
                .put("/api/v1/networks/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/networks/" + networkId).then().statusCode(200).body("mtu", equalTo(9000));
        given().get("/api/v1/events?limit=200").then().statusCode(200)
                .body("items.action", hasItem("network.update"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin", roles = "admin")
    void badNicsAreRefusedAndNothingIsStored() {
        String vm = post("/api/v1/vms", "{\"name\":\"nettest-vm-bad\",\"memoryMiB\":64,\"vcpus\":1}")
                .then().statusCode(201).extract().path("id");
        String nics = "/api/v1/vms/" + vm + "/nics";
        post(nics, "{\"networkId\":\"" + UUID.randomUUID() + "\"}").then().statusCode(422)
                .body("detail", containsString("does not exist"));
        post(nics, "{\"networkId\":\"" + infraId + "\"}").then().statusCode(422)
                .body("detail", containsString("not a VM network"));
        post(nics, "{\"networkId\":\"" + networkId + "\",\"model\":\"ne2k_pci\"}").then().statusCode(400)
                .body("detail", containsString("model"));
        post(nics, "{\"networkId\":\"" + networkId + "\",\"model\":\"virtio'/><x\"}").then().statusCode(400);
        post(nics, "{}").then().statusCode(400).body("detail", containsString("networkId"));
        post("/api/v1/vms/" + UUID.randomUUID() + "/nics", "{\"networkId\":\"" + networkId + "\"}").then().statusCode(404);
        given().get(nics).then().statusCode(200).body("$", hasSize(0));

        // a VM between states keeps its NICs (a running one's are hot-plugged: NicHotplugApiTest)
        setStatus(vm, VmStatus.MIGRATING);
        post(nics, "{\"networkId\":\"" + networkId + "\"}").then().statusCode(409)
                .body("detail", containsString("while it is down, running or paused"));
        setStatus(vm, VmStatus.DOWN);
        String nic = post(nics, "{\"networkId\":\"" + networkId + "\",\"model\":\"e1000\"}").then().statusCode(201)
                .body("model", equalTo("e1000")).body("networkName", equalTo("nettest-vms")).extract().path("id");
        setStatus(vm, VmStatus.MIGRATING);
        given().delete(nics + "/" + nic).then().statusCode(409).body("detail", containsString("while it is down, running or paused"));
        setStatus(vm, VmStatus.DOWN);
        given().delete(nics + "/" + UUID.randomUUID()).then().statusCode(404);
        given().delete(nics + "/" + nic).then().statusCode(204);
        given().get(nics).then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/events?limit=200").then().statusCode(200)
                .body("items.action", hasItem("vm.nic-add")).body("items.action", hasItem("vm.nic-remove"))
                .body("items.actor", hasItem("admin"));
    }

    private static void setStatus(String vm, VmStatus status) {
        QuarkusTransaction.requiringNew().run(() -> Vm.<Vm>findById(UUID.fromString(vm)).status = status);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin", roles = "admin")
    void aThousandConcurrentNicsGetAThousandDistinctMacs() throws Exception {
        for (int i = 0; i < 100; i++) {
            vms.add(post("/api/v1/vms", "{\"name\":\"nettest-vm-" + i + "\",\"memoryMiB\":64,\"vcpus\":1}")
                    .then().statusCode(201).extract().path("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Response>> answers = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < 1000; i++) {
                String vm = vms.get(i % vms.size());
                answers.add(pool.submit(() -> post("/api/v1/vms/" + vm + "/nics", "{\"networkId\":\"" + networkId + "\"}")));
            }
            Set<String> macs = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertEquals(201, r.statusCode(), r.asString());
                String mac = r.path("mac");
                assertTrue(mac.matches("56:6f:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), mac);
                macs.add(mac);
            }
            System.out.printf("1000 NICs from 50 threads in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(1000, macs.size(), "distinct MACs");
        } finally {
            pool.shutdownNow();
        }
        long stored = QuarkusTransaction.requiringNew().call(() -> VmNic.count("networkId", UUID.fromString(networkId)));
        assertEquals(1000, stored);
        given().get("/api/v1/vms/" + vms.get(0) + "/nics").then().statusCode(200).body("$", hasSize(10));
        given().get("/api/v1/networks/" + networkId).then().statusCode(200).body("nics", equalTo(1000));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin", roles = "admin")
    void theStartSpecCarriesTheNicsOnTheirBridges() {
        List<NicSpec> nics = QuarkusTransaction.requiringNew().call(() ->
                ActionSupport.specOf(Vm.findById(UUID.fromString(vms.get(0)))).nics());
        assertEquals(10, nics.size());
        List<String> macs = given().get("/api/v1/vms/" + vms.get(0) + "/nics").then().extract().jsonPath().getList("mac");
        assertEquals(macs, nics.stream().map(NicSpec::mac).toList(), "in the order the API lists them");
        for (NicSpec nic : nics) {
            assertEquals("vireobr1", nic.bridge());
            assertEquals("virtio", nic.model());
            assertEquals(9000, nic.mtu());
        }
        // placement asks for the NICs' bridges (no host here: nothing to rank, but the request is made)
        given().get("/api/v1/vms/" + vms.get(0) + "/placement").then().statusCode(200);
        given().get("/api/v1/clusters/00000000-0000-4000-8000-000000000001/scheduling").then().statusCode(200)
                .body("filters", hasItem("network"));
        assertEquals(java.util.Set.of("vireobr1"), QuarkusTransaction.requiringNew().call(() ->
                Network.bridgesOf(UUID.fromString(vms.get(0)))));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin", roles = "admin")
    void aNetworkInUseStaysAndGoesOnceItsNicsAreGone() {
        given().delete("/api/v1/networks/" + networkId).then().statusCode(409)
                .body("detail", containsString("used by 1000 VM NIC(s)"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"nettest-vms\",\"bridge\":\"vireobr1\",\"vmNetwork\":false}")
                .put("/api/v1/networks/" + networkId).then().statusCode(409);
        for (String vm : vms) {
            given().delete("/api/v1/vms/" + vm).then().statusCode(org.hamcrest.Matchers.oneOf(202, 204));
        }
        long left = QuarkusTransaction.requiringNew().call(() -> VmNic.count("networkId", UUID.fromString(networkId)));
        assertEquals(0, left, "a VM's NICs go with it");
        given().delete("/api/v1/networks/" + networkId).then().statusCode(204);
        given().delete("/api/v1/networks/" + infraId).then().statusCode(204);
        assertTrue(networkNames().stream().noneMatch(n -> n.startsWith("nettest-")));
        given().get("/api/v1/events?limit=500").then().statusCode(200).body("items.action", hasItem("network.delete"));
    }
}
