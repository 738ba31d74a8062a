package dev.vireo.engine.images;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resuming and discarding: {@code GET /images/uploads?status=UPLOADING} lists the unfinished uploads with their
 * received count; {@code DELETE /images/uploads/{id}} discards one (record and partly received file), refuses an
 * imported one, and is for administrators only.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class UploadDiscardApiTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void unfinishedUploadsAreListedAndCanBeDiscarded() {
        String id = begin("discard-me");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-1023/4096").body(new byte[1024])
                .put("/api/v1/images/uploads/" + id).then().statusCode(200).body("receivedBytes", equalTo(1024));

        var unfinished = given().get("/api/v1/images/uploads?status=UPLOADING&limit=1000").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(unfinished.getList("items.id").contains(id), unfinished.prettify());
        assertTrue(unfinished.getList("items.status", String.class).stream().allMatch("UPLOADING"::equals));
        given().get("/api/v1/images/uploads?status=uploading").then().statusCode(400);

        Path part = Path.of("/var/lib/vireo/images/domains/default/uploads", id + ".part");
        assertTrue(Files.exists(part), "the partly received file is there: " + part);
        given().delete("/api/v1/images/uploads/" + id).then().statusCode(204);
        given().get("/api/v1/images/uploads/" + id).then().statusCode(404);
        assertFalse(Files.exists(part), "the partly received file is gone");
        List<String> after = given().get("/api/v1/images/uploads?limit=1000").then().extract().jsonPath().getList("items.id");
        assertFalse(after.contains(id), "discarded: " + after);
        given().contentType("application/octet-stream").header("Content-Range", "bytes 1024-2047/4096").body(new byte[1024])
                .put("/api/v1/images/uploads/" + id).then().statusCode(404);
        given().delete("/api/v1/images/uploads/" + id).then().statusCode(404);
        given().delete("/api/v1/images/uploads/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anImportedUploadIsNotDiscardedButAFailedOneIs() {
        byte[] iso = new byte[64 * 1024];
        System.arraycopy("\u0001CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 32768, 6);
        String imported = upload("keep-me", iso);
        given().post("/api/v1/images/uploads/" + imported + "/complete").then().statusCode(201);
        given().delete("/api/v1/images/uploads/" + imported).then().statusCode(409).body("detail", containsString("delete the ISO"));
        given().get("/api/v1/images/uploads/" + imported).then().statusCode(200).body("status", equalTo("IMPORTED"));

        String junk = upload("not-an-iso", new byte[64 * 1024]);
        given().post("/api/v1/images/uploads/" + junk + "/complete").then().statusCode(422);
        given().get("/api/v1/images/uploads/" + junk).then().statusCode(200).body("status", equalTo("FAILED"));
        given().delete("/api/v1/images/uploads/" + junk).then().statusCode(204);
        given().get("/api/v1/images/uploads/" + junk).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void usersMayNotDiscardUploads() {
        given().delete("/api/v1/images/uploads/" + UUID.randomUUID()).then().statusCode(403);
    }

    private static String upload(String name, byte[] image) {
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"format\":\"iso\",\"sizeBytes\":"
                + image.length + "}").post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
        given().contentType("application/octet-stream").header("Content-Range", "bytes 0-" + (image.length - 1) + "/" + image.length)
                .body(image).put("/api/v1/images/uploads/" + id).then().statusCode(200);
        return id;
    }

    private static String begin(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"format\":\"raw\",\"sizeBytes\":4096}")
                .post("/api/v1/images/uploads").then().statusCode(201).extract().path("id");
    }
}
