package dev.vireo.engine.migration;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The per-cluster migration policy through the API, with its bad input. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class MigrationPolicyApiTest {

    @Test
    void defaultsCanBeChangedAndBadValuesAreRefused() {
        String c = given().contentType(ContentType.JSON).body("{\"name\":\"mig-policy\"}").post("/api/v1/clusters")
                .then().statusCode(201).extract().path("id");
        String url = "/api/v1/clusters/" + c + "/migration";
        given().get(url).then().statusCode(200)
                .body("maxDowntimeMs", equalTo(0)).body("bandwidthMiBps", equalTo(0))
                .body("parallelPerHost", equalTo(2)).body("autoConverge", equalTo(false)).body("postCopy", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"maxDowntimeMs\":500,\"parallelPerHost\":1,\"autoConverge\":true}")
                .put(url).then().statusCode(200)
                .body("maxDowntimeMs", equalTo(500)).body("parallelPerHost", equalTo(1)).body("autoConverge", equalTo(true))
                .body("bandwidthMiBps", equalTo(0));
        given().contentType(ContentType.JSON).body("{\"maxDowntimeMs\":-1}").put(url).then().statusCode(422)
                .body("detail", containsString("maxDowntimeMs"));
        given().contentType(ContentType.JSON).body("{\"parallelPerHost\":0}").put(url).then().statusCode(422)
                .body("detail", containsString("parallelPerHost"));
        given().contentType(ContentType.JSON).body("{\"bandwidthMiBps\":99999999}").put(url).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"autoConverge\":\"maybe\"}").put(url).then().statusCode(400);
        given().get(url).then().body("maxDowntimeMs", equalTo(500)).body("parallelPerHost", equalTo(1));
        given().get("/api/v1/clusters/00000000-0000-4000-8000-00000000dead/migration").then().statusCode(404);
    }
}
