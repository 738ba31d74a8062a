package dev.vireo.engine.network;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A pool of three addresses: the fourth NIC is refused, and a released MAC is handed out again. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestProfile(MacPoolExhaustionTest.TinyPool.class)
@TestSecurity(user = "admin", roles = "admin")
class MacPoolExhaustionTest {
    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vireo.mac-pool.range", "02:00:00:00:00:01-02:00:00:00:00:03");
        }
    }

    private static String post(String path, String body, int status) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status).extract().asString();
    }

    @Test
    void theFourthNicIsRefusedUntilOneGoes() {
        String network = given().contentType(ContentType.JSON).body("{\"name\":\"tiny-pool\",\"bridge\":\"br0\"}")
                .post("/api/v1/networks").then().statusCode(201).extract().path("id");
        String vm = given().contentType(ContentType.JSON).body("{\"name\":\"tiny-pool-vm\",\"memoryMiB\":64,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        String nics = "/api/v1/vms/" + vm + "/nics";
        String nic = "{\"networkId\":\"" + network + "\"}";
        given().contentType(ContentType.JSON).body(nic).post(nics).then().statusCode(201).body("mac", equalTo("02:00:00:00:00:01"));
        String second = given().contentType(ContentType.JSON).body(nic).post(nics).then().statusCode(201)
                .body("mac", equalTo("02:00:00:00:00:02")).extract().path("id");
        post(nics, nic, 201);
        given().contentType(ContentType.JSON).body(nic).post(nics).then().statusCode(409)
                .body("detail", containsString("the MAC pool is exhausted"));
        given().get(nics).then().statusCode(200).body("size()", equalTo(3));
        given().delete(nics + "/" + second).then().statusCode(204);
        given().contentType(ContentType.JSON).body(nic).post(nics).then().statusCode(201).body("mac", equalTo("02:00:00:00:00:02"));
    }
}
