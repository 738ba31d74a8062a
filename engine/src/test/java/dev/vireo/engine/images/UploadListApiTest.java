package dev.vireo.engine.images;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /images/uploads}: every upload, newest first, with the SHA-256 it was begun with; administrators only. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class UploadListApiTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void uploadsAreListedNewestFirstWithTheirChecksum() throws Exception {
        byte[] image = new byte[4096];
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        String first = given().contentType(ContentType.JSON).body("{\"name\":\"list-a\",\"format\":\"raw\",\"sizeBytes\":4096}")
                .post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
        String second = given().contentType(ContentType.JSON).body("{\"name\":\"list-b\",\"format\":\"raw\",\"sizeBytes\":4096,"
                + "\"sha256\":\"" + sha.toUpperCase() + "\"}").post("/api/v1/images/uploads").then().statusCode(201)
                .body("sha256", equalTo(sha)).extract().path("id");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-2047/4096").body(new byte[2048])
                .put("/api/v1/images/uploads/" + second).then().statusCode(200).body("percent", equalTo(50));

        var page = given().get("/api/v1/images/uploads?limit=1000").then().statusCode(200).extract().jsonPath();
        List<String> ids = page.getList("items.id");
        assertTrue(ids.indexOf(second) >= 0 && ids.indexOf(second) < ids.indexOf(first), "newest first: " + ids);
        assertEquals(sha, page.getString("items.find { it.id == '" + second + "' }.sha256"));
        assertEquals(2048, page.getInt("items.find { it.id == '" + second + "' }.receivedBytes"));
        assertEquals("admin", page.getString("items.find { it.id == '" + second + "' }.createdBy"));
        assertEquals(null, page.getString("items.find { it.id == '" + first + "' }.sha256"));
        given().get("/api/v1/images/uploads?limit=1").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void usersMayNotListUploads() {
        given().get("/api/v1/images/uploads").then().statusCode(403);
    }
}
