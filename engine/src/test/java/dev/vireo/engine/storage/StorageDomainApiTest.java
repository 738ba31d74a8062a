package dev.vireo.engine.storage;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A storage domain's pool type: dir (the default) is made; netfs and logical are known but refused with a 422 that
 * says they are not supported yet, and nothing is made; anything else is a 400.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StorageDomainApiTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aDirDomainIsMadeAndTheOtherPoolTypesAreRefusedForNow() {
        create("{\"name\":\"sd-plain\",\"path\":\"/var/lib/vireo/images/domains/sd-plain\"}").then().statusCode(201)
                .body("poolType", equalTo("dir")).body("kind", equalTo("DIR"));
        create("{\"name\":\"sd-dir\",\"path\":\"/var/lib/vireo/images/domains/sd-dir\",\"poolType\":\"dir\"}").then().statusCode(201)
                .body("poolType", equalTo("dir"));
        for (String type : new String[] {"netfs", "logical"}) {
            create("{\"name\":\"sd-" + type + "\",\"path\":\"/var/lib/vireo/images/domains/sd-" + type + "\",\"poolType\":\"" + type + "\"}")
                    .then().statusCode(422).body("detail", containsString("storage pool type " + type + " is not supported yet"));
        }
        create("{\"name\":\"sd-iscsi\",\"path\":\"/var/lib/vireo/images/domains/sd-iscsi\",\"poolType\":\"iscsi\"}").then().statusCode(400);
        given().get("/api/v1/storagedomains").then().statusCode(200)
                .body("name", hasItem("sd-dir")).body("name", not(hasItem("sd-netfs"))).body("name", not(hasItem("sd-logical")))
                .body("find { it.name == 'default' }.poolType", equalTo("dir"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void usersMayNotMakeDomains() {
        create("{\"name\":\"sd-user\",\"path\":\"/var/lib/vireo/images/domains/sd-user\"}").then().statusCode(403);
    }

    private static io.restassured.response.Response create(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/storagedomains");
    }
}
