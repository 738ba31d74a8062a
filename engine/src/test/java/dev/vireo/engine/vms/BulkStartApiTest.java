package dev.vireo.engine.vms;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The bulk start's contract without hosts (the lab's ConcurrentPlacementTest starts VMs in bulk on simulated
 * hosts): bad requests are refused whole, and each VM that cannot start says why in its own outcome, in the
 * order asked, while nothing changes for it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class BulkStartApiTest {

    private static String create(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
    }

    private static String body(List<String> ids) {
        return "{\"vmIds\":[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "]}";
    }

    @Test
    void eachVmGetsItsOwnOutcomeInTheOrderAsked() {
        String a = create("bulk-a");
        String missing = UUID.randomUUID().toString();
        String b = create("bulk-b");
        given().contentType(ContentType.JSON).body(body(List.of(a, missing, b))).post("/api/v1/vms/start")
                .then().statusCode(200)
                .body("accepted", equalTo(0))
                .body("refused", equalTo(3))
                .body("results[0].vmId", equalTo(a))
                .body("results[0].status", equalTo(409))
                .body("results[0].error", containsString("no host in cluster 'Default' can run VM bulk-a"))
                .body("results[0].job", nullValue())
                .body("results[1].vmId", equalTo(missing))
                .body("results[1].status", equalTo(404))
                .body("results[1].error", containsString(missing))
                .body("results[2].vmId", equalTo(b))
                .body("results[2].status", equalTo(409));
        given().get("/api/v1/vms/" + a).then().body("status", equalTo("DOWN")).body("hostId", nullValue());
        given().get("/api/v1/vms/" + b).then().body("status", equalTo("DOWN"));
    }

    @Test
    void badRequestsAreRefusedWhole() {
        String a = create("bulk-twice");
        given().contentType(ContentType.JSON).body(body(List.of(a, a))).post("/api/v1/vms/start")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("named twice"));
        given().contentType(ContentType.JSON).body("{\"vmIds\":[]}").post("/api/v1/vms/start")
                .then().statusCode(400).body("detail", containsString("between 1 and 500"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/vms/start")
                .then().statusCode(400).body("detail", containsString("vmIds"));
        given().contentType(ContentType.JSON).body("{\"vmIds\":[\"not-a-uuid\"]}").post("/api/v1/vms/start")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"vmIds\":[null]}").post("/api/v1/vms/start")
                .then().statusCode(400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        given().contentType(ContentType.JSON).body(body(tooMany)).post("/api/v1/vms/start")
                .then().statusCode(400).body("detail", containsString("between 1 and 500"));
        given().get("/api/v1/vms/" + a).then().body("status", equalTo("DOWN"));
    }

    @Test
    @TestSecurity(user = "mallory", roles = "user")
    void aUserGetsA404ForVmsTheyMayNotSee() {
        String theirs = given().contentType(ContentType.JSON).body("{\"name\":\"mallorys\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        String other = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(body(List.of(theirs, other))).post("/api/v1/vms/start")
                .then().statusCode(200)
                .body("results[0].status", equalTo(409))
                .body("results[1].status", equalTo(404));
    }
}
