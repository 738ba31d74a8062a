package dev.vireo.engine.access;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Who sees and does what, through the API with identities as the token would give them. One story in
 * order: alice creates a VM; bob cannot see it until a permission lets him; a group grant lets carol;
 * quotas refuse what they must. (The lab tests run the same rules with real Keycloak tokens.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessApiTest {
    private static String aliceVm;
    private static String quotaId;

    private static String vm(String name, int memory, int vcpus) {
        return "{\"name\":\"" + name + "\",\"memoryMiB\":" + memory + ",\"vcpus\":" + vcpus + "}";
    }

    @Test
    @Order(1)
    void anonymousCallsAreRefusedButHealthAndEnrolmentAreOpen() {
        given().get("/api/v1/vms").then().statusCode(401);
        given().get("/api/v1/hosts").then().statusCode(401);
        given().contentType(ContentType.JSON).body(vm("anon", 128, 1)).post("/api/v1/vms").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        // open to agents, which prove themselves with the enrolment token instead (refused here: none is set)
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/hosts/enroll").then().statusCode(401)
                .body("detail", containsString("enrolment token"));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "user")
    void aUserCreatesAVmAndOwnsIt() {
        aliceVm = given().contentType(ContentType.JSON).body(vm("alice-vm", 128, 1)).post("/api/v1/vms")
                .then().statusCode(201).body("owner", equalTo("alice")).extract().path("id");
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(200);
        given().get("/api/v1/vms").then().statusCode(200).body("items.name", hasItem("alice-vm"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "bob", roles = "user")
    void anotherUserNeitherSeesNorTouchesIt() {
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(404);
        given().post("/api/v1/vms/" + aliceVm + "/start").then().statusCode(404);
        given().delete("/api/v1/vms/" + aliceVm).then().statusCode(404);
        given().get("/api/v1/vms/" + aliceVm + "/console-log").then().statusCode(404);
        given().get("/api/v1/events?objectId=" + aliceVm).then().statusCode(404);
        given().get("/api/v1/vms").then().statusCode(200).body("items.name", not(hasItem("alice-vm")));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "bob", roles = "user")
    void administrationIsForAdministrators() {
        given().get("/api/v1/hosts").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/permissions").then().statusCode(403);
        given().get("/api/v1/quotas").then().statusCode(403);
        given().get("/api/v1/events").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"name\":\"mine\"}").post("/api/v1/clusters").then().statusCode(403);
        given().post("/api/v1/vms/" + aliceVm + "/migrate").then().statusCode(403);
        given().get("/api/v1/clusters").then().statusCode(200);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorSeesEverythingAndGrants() {
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(200).body("owner", equalTo("alice"));
        grant("USER", "bob", "USER", "VM", "\"" + aliceVm + "\"").statusCode(201);
        grant("USER", "bob", "USER", "VM", "\"" + aliceVm + "\"").statusCode(409);
        grant("GROUP", "team-a", "USER", "CLUSTER", "\"00000000-0000-4000-8000-000000000001\"").statusCode(201);
        grant("USER", "erin", "ADMIN", "SYSTEM", "null").statusCode(201);
        // bad grants: a SYSTEM grant with an object, a VM grant without one, an unknown VM
        grant("USER", "x", "USER", "SYSTEM", "\"" + aliceVm + "\"").statusCode(422);
        grant("USER", "x", "USER", "VM", "null").statusCode(422);
        grant("USER", "x", "USER", "VM", "\"00000000-0000-0000-0000-0000000000ff\"").statusCode(422);
        given().contentType(ContentType.JSON).body("{\"principalKind\":\"ROBOT\",\"principal\":\"x\",\"role\":\"USER\",\"objectKind\":\"SYSTEM\"}")
                .post("/api/v1/permissions").then().statusCode(400);
        quotaId = given().contentType(ContentType.JSON)
                .body("{\"name\":\"daves-quota\",\"principalKind\":\"USER\",\"principal\":\"dave\",\"maxVcpus\":3,\"maxMemoryMiB\":512,\"maxVms\":2}")
                .post("/api/v1/quotas").then().statusCode(201).body("usedVms", equalTo(0))
                .body("principalKind", equalTo("USER")).body("principal", equalTo("dave")).extract().path("id");
        // the VM list filtered by host: alice's VM runs nowhere
        given().get("/api/v1/vms?hostId=00000000-0000-4000-8000-0000000000aa").then().statusCode(200).body("total", equalTo(0));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"negative\",\"principalKind\":\"USER\",\"principal\":\"z\",\"maxVcpus\":-1}")
                .post("/api/v1/quotas").then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse grant(String kind, String who, String role, String objectKind, String objectId) {
        return given().contentType(ContentType.JSON)
                .body("{\"principalKind\":\"" + kind + "\",\"principal\":\"" + who + "\",\"role\":\"" + role
                        + "\",\"objectKind\":\"" + objectKind + "\",\"objectId\":" + objectId + "}")
                .post("/api/v1/permissions").then();
    }

    @Test
    @Order(6)
    @TestSecurity(user = "bob", roles = "user")
    void aVmPermissionLetsBobUseButNotDelete() {
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(200);
        given().get("/api/v1/vms").then().body("items.name", hasItem("alice-vm"));
        given().delete("/api/v1/vms/" + aliceVm).then().statusCode(403)
                .body("detail", containsString("ADMIN"));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "carol", roles = "user", attributes = @SecurityAttribute(key = "groups", value = "team-a"))
    void aGroupGrantOnTheClusterCoversItsVms() {
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(200);
        given().get("/api/v1/vms").then().body("items.name", hasItem("alice-vm"));
        given().get("/api/v1/me").then().statusCode(200).body("name", equalTo("carol"))
                .body("groups", hasItem("team-a")).body("admin", equalTo(false));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "erin", roles = "user", augmentors = SystemAdminGrants.class)
    void aSystemAdminGrantMakesAnAdministrator() {
        given().get("/api/v1/hosts").then().statusCode(200);
        given().get("/api/v1/vms/" + aliceVm).then().statusCode(200);
        given().get("/api/v1/me").then().body("admin", equalTo(true));
    }

    @Test
    @Order(9)
    @TestSecurity(user = "dave", roles = "user")
    void aQuotaRefusesWhatWouldExceedItAndNamesIt() {
        given().contentType(ContentType.JSON).body(vm("dave-1", 256, 2)).post("/api/v1/vms").then().statusCode(201);
        given().contentType(ContentType.JSON).body(vm("dave-2", 128, 2)).post("/api/v1/vms").then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Quota exceeded"))
                .body("detail", containsString("quota 'daves-quota' allows 3 vCPUs"));
        given().contentType(ContentType.JSON).body(vm("dave-3", 512, 1)).post("/api/v1/vms").then().statusCode(403)
                .body("detail", containsString("512 MiB"));
        given().contentType(ContentType.JSON).body(vm("dave-4", 256, 1)).post("/api/v1/vms").then().statusCode(201);
        given().contentType(ContentType.JSON).body(vm("dave-5", 16, 0 + 1)).post("/api/v1/vms").then().statusCode(403)
                .body("detail", containsString("2 VMs"));
        given().get("/api/v1/vms?q=dave-").then().body("total", equalTo(2));
        given().get("/api/v1/me").then().body("quota.usedVcpus", equalTo(3)).body("quota.usedMemoryMiB", equalTo(512))
                .body("quota.usedVms", equalTo(2)).body("quota.maxVms", equalTo(2));
    }

    @Test
    @Order(10)
    @TestSecurity(user = "admin", roles = "admin")
    void theAuditLogNamesWhoDidIt() {
        given().get("/api/v1/events?objectId=" + aliceVm).then().statusCode(200)
                .body("items.actor", hasItem("alice"));
        given().get("/api/v1/quotas/" + quotaId).then().statusCode(200).body("usedVms", equalTo(2));
        given().delete("/api/v1/quotas/" + quotaId).then().statusCode(204);
    }
}
