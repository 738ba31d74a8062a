package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Bad host network setups are refused with a clear 4xx before anything reaches the host: no job, nothing stored. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class NetworkSetupApiTest {
    UUID host;
    String network;

    @BeforeEach
    void hostWithNics() {
        host = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Host h = new Host();
            h.id = host;
            h.clusterId = Cluster.DEFAULT_ID;
            h.name = "nic-host-" + host.toString().substring(0, 8);
            h.status = HostStatus.UP;
            h.credentialHash = "x";
            h.createdAt = OffsetDateTime.now();
            h.nics = Json.writeValue(List.of(
                    new HostNic("eth0", "nic", "52:54:00:00:00:01", 10000, "up", null, null),
                    new HostNic("eth1", "nic", "52:54:00:00:00:02", 1000, "up", null, null),
                    new HostNic("eth2", "nic", "52:54:00:00:00:03", null, "down", null, null),
                    new HostNic("eth3", "nic", "52:54:00:00:00:04", 1000, "up", null, null)));
            h.persist();
        });
        network = given().contentType(ContentType.JSON)
                .body("{\"name\":\"setup-net-" + host.toString().substring(0, 8) + "\",\"bridge\":\"ovslab\",\"vlanId\":10}")
                .post("/api/v1/networks").then().statusCode(201).extract().path("id");
    }

    private String setup(String bonds, String networks) {
        return "{\"bonds\":[" + bonds + "],\"networks\":[" + networks + "]}";
    }

    private void refused(String body, int status, String detail) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/hosts/" + host + "/networksetup")
                .then().statusCode(status).contentType("application/problem+json").body("detail", containsString(detail));
    }

    @Test
    void theReportedNicsAreListed() {
        given().get("/api/v1/hosts/" + host + "/nics").then().statusCode(200).body("$", hasSize(4))
                .body("[2].name", equalTo("eth2")).body("[2].up", equalTo(false)).body("[1].speedMbps", equalTo(1000))
                .body("[0].mac", equalTo("52:54:00:00:00:01"));
        given().get("/api/v1/hosts/" + UUID.randomUUID() + "/nics").then().statusCode(404);
    }

    @Test
    void badSetupsAreRefusedAndNothingIsApplied() {
        String ab = "{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"active-backup\"}";
        String on = "{\"networkId\":\"" + network + "\",\"on\":\"bond0\"";
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth9\"],\"mode\":\"active-backup\"}", ""), 422,
                "unknown NIC 'eth9'");
        refused(setup(ab + ",{\"name\":\"bond1\",\"members\":[\"eth2\",\"eth3\"],\"mode\":\"active-backup\"}", ""), 409,
                "NIC eth2 is in two bonds: bond0 and bond1");
        refused(setup(ab, on + ",\"vlanId\":5000}"), 422, "VLAN 5000 is outside 1..4094");
        refused(setup(ab, on + ",\"mtu\":10}"), 422, "MTU 10 is outside 68..9000");
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\"],\"mode\":\"802.3ad\",\"lacpRate\":\"fast\"}", ""), 422,
                "bond bond0 in LACP mode (802.3ad) needs at least two members; it has 1");
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"round-robin\"}", ""), 422,
                "unknown mode 'round-robin'");
        refused(setup(ab, "{\"networkId\":\"" + network + "\",\"on\":\"eth1\"}"), 409, "NIC eth1 is a member of bond bond0");
        refused(setup(ab, "{\"networkId\":\"" + network + "\",\"on\":\"eth7\"}"), 422, "unknown NIC or bond 'eth7'");
        refused(setup("{\"name\":\"bond0;reboot\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"active-backup\"}", ""), 422,
                "is not an interface name");
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"active-backup\",\"lacpRate\":\"fast\"}", ""),
                422, "only for LACP modes");
        // valid, but the host's agent is not connected
        refused(setup(ab, on + "}"), 409, "agent is not connected; nothing was applied");

        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> Job.count("hostId", host)), "no job started");
        assertNull(QuarkusTransaction.requiringNew().call(() -> Host.<Host>findById(host).networkSetup));
        given().get("/api/v1/hosts/" + host + "/networksetup").then().statusCode(200)
                .body("bonds", hasSize(0)).body("networks", hasSize(0)).body("switchType", equalTo("legacy"));
    }

    @Test
    void theClusterChoosesItsSwitchType() {
        String path = "/api/v1/clusters/" + Cluster.DEFAULT_ID + "/switchtype";
        given().contentType(ContentType.JSON).body("{\"switchType\":\"openflow\"}").put(path).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"switchType\":\"ovs\"}").put(path).then().statusCode(200)
                .body("switchType", equalTo("ovs"));
        // balance-slb is fine on OVS, and the one-network-per-uplink rule holds there
        String second = given().contentType(ContentType.JSON)
                .body("{\"name\":\"second-" + host.toString().substring(0, 8) + "\",\"bridge\":\"ovsother\"}")
                .post("/api/v1/networks").then().statusCode(201).extract().path("id");
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"balance-slb\"}",
                "{\"networkId\":\"" + network + "\",\"on\":\"bond0\"},{\"networkId\":\"" + second + "\",\"on\":\"bond0\"}"),
                409, "bond0 carries");
        given().contentType(ContentType.JSON).body("{\"switchType\":\"legacy\"}").put(path).then().statusCode(200);
        // on Linux bridges: both networks untagged on one NIC cannot be told apart
        refused(setup("", "{\"networkId\":\"" + network + "\",\"on\":\"eth3\",\"vlanId\":7},{\"networkId\":\"" + second
                + "\",\"on\":\"eth3\",\"vlanId\":7}"), 409, "would both be on eth3.7");
        refused(setup("{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],\"mode\":\"balance-slb\"}", ""), 422,
                "balance-slb is an Open vSwitch mode");
    }
}
