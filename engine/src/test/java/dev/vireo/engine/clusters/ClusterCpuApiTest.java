package dev.vireo.engine.clusters;

import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.support.Fixtures;
import dev.vireo.engine.vms.Vm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A cluster's CPU type: only a model some host offers; VMs inherit it or name their own. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class ClusterCpuApiTest {

    private static String newCluster(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}").post("/api/v1/clusters")
                .then().statusCode(201).extract().path("id");
    }

    private static void hostOffering(String cluster, String models) {
        UUID host = Fixtures.host("cpu");
        QuarkusTransaction.requiringNew().run(() -> {
            Host h = Host.findById(host);
            h.clusterId = UUID.fromString(cluster);
            h.cpuModels = models;
        });
        given().get("/api/v1/hosts/" + host).then().body("cpuModels", hasItem("maximum"));
    }

    @Test
    void onlyAModelAHostOffersBecomesTheClustersCpuTypeAndVmsInheritIt() {
        String cluster = newCluster("cpu-cluster");
        hostOffering(cluster, "maximum\nqemu64\nNehalem");
        given().contentType(ContentType.JSON).body("{\"cpuModel\":\"EPYC-Rome\"}").put("/api/v1/clusters/" + cluster + "/cpu")
                .then().statusCode(409).body("detail", containsString("no host of cluster cpu-cluster offers CPU model EPYC-Rome"));
        given().contentType(ContentType.JSON).body("{\"cpuModel\":\"maximum\"}").put("/api/v1/clusters/" + cluster + "/cpu")
                .then().statusCode(200).body("cpuModel", equalTo("maximum"));
        given().get("/api/v1/clusters/" + cluster).then().body("cpuModel", equalTo("maximum"));

        String inherits = given().contentType(ContentType.JSON)
                .body("{\"name\":\"cpu-inherits\",\"memoryMiB\":128,\"vcpus\":1,\"clusterId\":\"" + cluster + "\"}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        String own = given().contentType(ContentType.JSON)
                .body("{\"name\":\"cpu-own\",\"memoryMiB\":128,\"vcpus\":1,\"clusterId\":\"" + cluster + "\",\"cpuModel\":\"Nehalem\"}")
                .post("/api/v1/vms").then().statusCode(201).body("cpuModel", equalTo("Nehalem")).extract().path("id");
        assertEquals("maximum", QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(UUID.fromString(inherits)).effectiveCpuModel()));
        assertEquals("Nehalem", QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(UUID.fromString(own)).effectiveCpuModel()));

        given().contentType(ContentType.JSON).body("{\"cpuModel\":null}").put("/api/v1/clusters/" + cluster + "/cpu")
                .then().statusCode(200).body("cpuModel", equalTo(null));
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(UUID.fromString(inherits)).effectiveCpuModel()));
    }

    @Test
    void hostileModelsAreRefused() {
        String cluster = newCluster("cpu-hostile");
        given().contentType(ContentType.JSON).body("{\"cpuModel\":\"qemu64'/><devices>\"}").put("/api/v1/clusters/" + cluster + "/cpu")
                .then().statusCode(400).body("detail", containsString("CPU model name"));
        given().contentType(ContentType.JSON).body("{\"name\":\"cpu-bad\",\"memoryMiB\":128,\"vcpus\":1,\"cpuModel\":\"a b\"}")
                .post("/api/v1/vms").then().statusCode(400).body("detail", containsString("CPU model name"));
        given().contentType(ContentType.JSON).body("{\"cpuModel\":\"maximum\"}").put("/api/v1/clusters/" + UUID.randomUUID() + "/cpu")
                .then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void aUserSetsNoCpuType() {
        given().contentType(ContentType.JSON).body("{\"cpuModel\":\"maximum\"}").put("/api/v1/clusters/" + Cluster.DEFAULT_ID + "/cpu")
                .then().statusCode(403);
    }
}
