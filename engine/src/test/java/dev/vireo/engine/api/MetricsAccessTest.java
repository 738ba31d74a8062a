package dev.vireo.engine.api;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** The metrics name every host and tell the fleet's load: administrators only; health stays open for probes. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MetricsAccessTest {

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void aUserGetsNoMetrics() {
        given().get("/q/metrics").then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorDoes() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
