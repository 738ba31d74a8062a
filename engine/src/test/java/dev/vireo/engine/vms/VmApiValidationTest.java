package dev.vireo.engine.vms;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/** Bad input is a 4xx problem+json with a human message, never a 500, and nothing is stored. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class VmApiValidationTest {

    private static String vm(String name, Object memory, Object vcpus) {
        return "{\"name\":" + name + ",\"memoryMiB\":" + memory + ",\"vcpus\":" + vcpus + "}";
    }

    private static void rejected(String body, int status, String detailFragment) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/vms")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detailFragment));
    }

    @Test
    void createWithOnlyNameMemoryAndVcpusBootsTheGuestKit() {
        given().contentType(ContentType.JSON).body(vm("\"kit-vm\"", 128, 1)).post("/api/v1/vms")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/vms/"))
                .body("name", equalTo("kit-vm"))
                .body("status", equalTo("DOWN"))
                .body("hostId", equalTo(null))
                .body("memoryMiB", equalTo(128))
                .body("vcpus", equalTo(1))
                .body("boot.kernel", equalTo("/var/lib/vireo/images/kit/vmlinuz"))
                .body("boot.initrd", equalTo("/var/lib/vireo/images/kit/initrd.gz"));
    }

    @Test
    void missingFieldsAreNamed() {
        rejected("{\"name\":\"a\"}", 400, "memoryMiB");
        rejected("{\"memoryMiB\":128,\"vcpus\":1}", 400, "name");
        rejected("{}", 400, "vcpus");
    }

    @Test
    void absentBodyIsRejected() {
        given().contentType(ContentType.JSON).post("/api/v1/vms")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void negativeAndAbsurdSizesAreRejected() {
        rejected(vm("\"neg\"", -5, 1), 400, "memoryMiB must be at least 16");
        rejected(vm("\"huge\"", 99999999, 1), 400, "memoryMiB must be at most");
        rejected(vm("\"cpus\"", 128, 0), 400, "vcpus");
        rejected(vm("\"cpus2\"", 128, 100000), 400, "vcpus");
        rejected(vm("\"overflow\"", "123456789012345678901234567890", 1), 400, "");
    }

    @Test
    void malformedJsonIsA400() {
        rejected("{\"name\": \"x\", ", 400, "");
        rejected("[1,2,3]", 400, "");
        rejected(vm("\"x\"", "\"lots\"", 1), 400, "");
    }

    @Test
    void aOneMegabyteNameIsRejected() {
        String big = "a".repeat(1_000_000);
        rejected(vm("\"" + big + "\"", 128, 1), 400, "name size must be between 1 and 64");
    }

    @Test
    void hostileNamesAreRejected() {
        rejected(vm("\"</title><devices>\"", 128, 1), 400, "name must start with a letter or digit");
        rejected(vm("\"a'; rm -rf /\"", 128, 1), 400, "name must start");
        rejected(vm("\"tab\\tname\"", 128, 1), 400, "name must start");
        rejected("{\"name\":\"d\",\"memoryMiB\":128,\"vcpus\":1,\"description\":\"bell\\u0007\"}", 400,
                "description must not contain control characters");
    }

    @Test
    void bootPathsMustLieInsideTheImageDirectories() {
        rejected("{\"name\":\"b1\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\"/etc/shadow\"}}", 422,
                "outside the image directories");
        rejected("{\"name\":\"b2\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\"/var/lib/vireo/images/../../../etc/passwd\"}}",
                422, "must not contain");
        rejected("{\"name\":\"b3\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\"relative/vmlinuz\"}}", 422,
                "absolute");
        rejected("{\"name\":\"b4\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"cmdline\":\"quiet\"}}", 422,
                "need boot.kernel");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"b5\",\"memoryMiB\":64,\"vcpus\":2,\"boot\":{\"kernel\":\"/var/lib/vireo/images/other/vmlinuz\",\"cmdline\":\"console=ttyS0\"}}")
                .post("/api/v1/vms").then().statusCode(201)
                .body("boot.kernel", equalTo("/var/lib/vireo/images/other/vmlinuz"))
                .body("boot.cmdline", equalTo("console=ttyS0"));
        // Other tests' VM names are random and may contain "b1"; none of the refused ones may exist.
        given().get("/api/v1/vms?q=b1").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("b1")));
    }

    @Test
    void duplicateNamesConflict() {
        given().contentType(ContentType.JSON).body(vm("\"twin\"", 128, 1)).post("/api/v1/vms").then().statusCode(201);
        rejected(vm("\"twin\"", 128, 1), 409, "already exists");
    }

    @Test
    void unknownIdsAre404() {
        UUID id = UUID.randomUUID();
        given().get("/api/v1/vms/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
        given().post("/api/v1/vms/" + id + "/start").then().statusCode(404);
        given().post("/api/v1/vms/" + id + "/migrate").then().statusCode(404);
        given().delete("/api/v1/vms/" + id).then().statusCode(404);
        given().get("/api/v1/hosts/" + id).then().statusCode(404);
        given().get("/api/v1/jobs/" + id).then().statusCode(404);
        given().get("/api/v1/vms/not-a-uuid").then().statusCode(404);
    }

    @Test
    void startingWithoutAnyHostSaysWhy() {
        String id = given().contentType(ContentType.JSON).body(vm("\"lonely\"", 128, 1)).post("/api/v1/vms")
                .then().statusCode(201).extract().path("id");
        given().post("/api/v1/vms/" + id + "/start").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("no host in cluster 'Default' can run VM lonely"));
        given().get("/api/v1/vms/" + id).then().body("status", equalTo("DOWN"));
        given().post("/api/v1/vms/" + id + "/shutdown").then().statusCode(409)
                .body("detail", containsString("lonely is DOWN"));
        given().get("/api/v1/vms/" + id + "/console-log").then().statusCode(409)
                .body("detail", containsString("never run"));
        given().post("/api/v1/vms/" + id + "/migrate").then().statusCode(409)
                .body("detail", containsString("lonely is DOWN; it can be migrated only when [RUNNING]"));
        given().contentType(ContentType.JSON).body("{\"hostId\": 42").post("/api/v1/vms/" + id + "/migrate")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void listsPageAndRejectBadParameters() {
        given().get("/api/v1/vms?limit=5&sort=name&dir=desc").then().statusCode(200)
                .body("limit", equalTo(5)).body("total", greaterThanOrEqualTo(0));
        given().get("/api/v1/vms?limit=100000").then().statusCode(422);
        given().get("/api/v1/vms?sort=password").then().statusCode(422).body("detail", containsString("sort must be one of"));
        given().get("/api/v1/vms?offset=-1").then().statusCode(422);
        given().get("/api/v1/vms?status=BOGUS").then().statusCode(404);
    }

    @Test
    void everyActionIsAudited() {
        given().contentType(ContentType.JSON).body(vm("\"audited\"", 128, 1)).post("/api/v1/vms").then().statusCode(201);
        given().get("/api/v1/events?limit=50").then().statusCode(200)
                .body("items.find { it.objectName == 'audited' }.action", equalTo("vm.create"))
                .body("items.find { it.objectName == 'audited' }.actor", notNullValue());
    }

    @Test
    void defaultClusterExistsAndClustersValidate() {
        given().get("/api/v1/clusters").then().statusCode(200).body("items.name", org.hamcrest.Matchers.hasItem("Default"));
        given().contentType(ContentType.JSON).body("{\"name\":\"\"}").post("/api/v1/clusters").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"name\":\"Default\"}").post("/api/v1/clusters").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"name\":\"east-1\"}").post("/api/v1/clusters").then().statusCode(201);
    }

    @Test
    void enrolmentNeedsTheToken() {
        given().contentType(ContentType.JSON).body("{\"token\":\"wrong\",\"facts\":{\"hostname\":\"h1\"}}")
                .post("/api/v1/hosts/enroll").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"token\":\"test-token\",\"facts\":{\"hostname\":\"bad host;\"}}")
                .post("/api/v1/hosts/enroll").then().statusCode(422);
    }

    @Test
    void operationalEndpointsAnswer() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/vms"));
    }
}
