package dev.vireo.engine.templates;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A template over an imported OS image: the disk becomes its base, stays with it, and cannot be deleted alone. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class TemplateFromDiskApiTest {
    static final String KERNEL = "/var/lib/vireo/images/os/debian-12/vmlinuz";

    private static String body(String name, String disk) {
        return "{\"name\":\"" + name + "\",\"diskId\":\"" + disk + "\",\"osName\":\"Debian GNU/Linux 12 (bookworm)\","
                + "\"kernel\":\"" + KERNEL + "\",\"cmdline\":\"root=/dev/vda rw console=ttyS0\"}";
    }

    @Test
    void anImportedDiskBecomesTheBaseAndGoesOnlyWithItsTemplate() {
        String disk = Fixtures.disk("tfd-base", false);
        String id = given().contentType(ContentType.JSON).body(body("tfd-debian", disk)).post("/api/v1/templates")
                .then().statusCode(201)
                .body("osName", equalTo("Debian GNU/Linux 12 (bookworm)"))
                .body("diskId", equalTo(disk))
                .body("kernel", equalTo(KERNEL))
                .body("memoryMiB", equalTo(1024)).extract().path("id");
        given().get("/api/v1/disks/" + disk).then().body("templateBase", equalTo(true));
        // the base cannot go on its own: the template would point at nothing
        given().delete("/api/v1/disks/" + disk).then().statusCode(409)
                .body("detail", containsString("is the base of template tfd-debian"));
        given().contentType(ContentType.JSON).body(body("tfd-twice", disk)).post("/api/v1/templates")
                .then().statusCode(409).body("detail", containsString("already a template's base"));
        given().get("/api/v1/templates/" + id).then().statusCode(200);
    }

    @Test
    void badRequestsAreRefused() {
        String disk = Fixtures.disk("tfd-bad", false);
        given().contentType(ContentType.JSON).body("{\"name\":\"tfd-none\"}").post("/api/v1/templates")
                .then().statusCode(422).body("detail", containsString("either vmId"));
        given().contentType(ContentType.JSON).body("{\"name\":\"tfd-both\",\"diskId\":\"" + disk + "\",\"vmId\":\"" + disk + "\"}")
                .post("/api/v1/templates").then().statusCode(422).body("detail", containsString("either vmId"));
        given().contentType(ContentType.JSON).body("{\"name\":\"tfd-etc\",\"diskId\":\"" + disk + "\",\"kernel\":\"/etc/shadow\"}")
                .post("/api/v1/templates").then().statusCode(422).body("detail", containsString("outside the image directories"));
        given().contentType(ContentType.JSON).body("{\"name\":\"tfd-initrd\",\"diskId\":\"" + disk + "\",\"initrd\":\"" + KERNEL + "\"}")
                .post("/api/v1/templates").then().statusCode(422).body("detail", containsString("need kernel"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void aUserMakesNoTemplates() {
        given().contentType(ContentType.JSON).body(body("tfd-alice", "00000000-0000-4000-8000-0000000000aa"))
                .post("/api/v1/templates").then().statusCode(403);
    }
}
