package dev.vireo.engine.scheduling;

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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Scheduling policies, affinity groups and the placement dry run through the API, on a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "admin", roles = "admin")
class SchedulingApiTest {
    private static final String DEFAULT = "/api/v1/clusters/00000000-0000-4000-8000-000000000001";

    private static String newCluster(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}").post("/api/v1/clusters")
                .then().statusCode(201).extract().path("id");
    }

    private static String newVm(String name, String clusterId) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1,\"clusterId\":\"" + clusterId + "\"}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
    }

    private static void put(String cluster, String body, int status, String detail) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/clusters/" + cluster + "/scheduling")
                .then().statusCode(status).body(status >= 400 ? "detail" : "policy",
                        status >= 400 ? containsString(detail) : not(nullValue()));
    }

    @Test
    void policiesAreReadableAndSettable() {
        String c = newCluster("sched-policy");
        given().get("/api/v1/clusters/" + c + "/scheduling").then().statusCode(200)
                .body("policy", equalTo("EVENLY_DISTRIBUTED"))
                .body("weightFactors", hasKey("even_memory"))
                .body("availableWeights", hasItem("power_saving"))
                .body("filters", hasItem("vm_affinity"));
        put(c, "{\"policy\":\"POWER_SAVING\",\"highUtilization\":70}", 200, null);
        given().get("/api/v1/clusters/" + c + "/scheduling").then()
                .body("policy", equalTo("POWER_SAVING"))
                .body("weightFactors.power_saving", equalTo(2.0f))
                .body("weightFactors", not(hasKey("even_memory")))
                .body("highUtilization", equalTo(70));
        put(c, "{\"weightFactors\":{\"even_vm_count\":5,\"soft_affinity\":1},\"maxVmsPerHost\":10,\"vcpuOvercommit\":2.5}", 200, null);
        given().get("/api/v1/clusters/" + c + "/scheduling").then()
                .body("weightFactors.even_vm_count", equalTo(5.0f))
                .body("maxVmsPerHost", equalTo(10))
                .body("vcpuOvercommit", equalTo(2.5f));
        // a partial update keeps the weights it does not mention
        put(c, "{\"maxVmsPerHost\":12}", 200, null);
        given().get("/api/v1/clusters/" + c + "/scheduling").then()
                .body("weightFactors.even_vm_count", equalTo(5.0f))
                .body("weightFactors.soft_affinity", equalTo(1.0f))
                .body("maxVmsPerHost", equalTo(12));
        given().get("/api/v1/events?objectId=" + c).then().body("items.action", hasItem("cluster.scheduling"));
    }

    @Test
    void badPoliciesAreRefused() {
        String c = newCluster("sched-bad");
        put(c, "{\"weightFactors\":{\"teleport\":1}}", 422, "unknown weight unit 'teleport'");
        put(c, "{\"weightFactors\":{\"even_memory\":-1}}", 422, "must be between 0 and 100");
        put(c, "{\"lowUtilization\":90,\"highUtilization\":50}", 422, "lowUtilization < highUtilization");
        put(c, "{\"vcpuOvercommit\":0}", 422, "vcpuOvercommit");
        put(c, "{\"maxVmsPerHost\":-3}", 422, "maxVmsPerHost");
        given().contentType(ContentType.JSON).body("{\"policy\":\"RANDOM\"}").put("/api/v1/clusters/" + c + "/scheduling")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/clusters/00000000-0000-4000-8000-00000000dead/scheduling").then().statusCode(404);
        given().get("/api/v1/clusters/" + c + "/scheduling").then().body("policy", equalTo("EVENLY_DISTRIBUTED"));
    }

    @Test
    void affinityGroupsAreValidatedAndContradictionsRefused() {
        String c = newCluster("sched-affinity");
        String other = newCluster("sched-affinity-other");
        String a = newVm("aff-a", c);
        String b = newVm("aff-b", c);
        String stranger = newVm("aff-stranger", other);
        String groups = "/api/v1/clusters/" + c + "/affinitygroups";

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"apart\",\"vmPolarity\":\"NEGATIVE\",\"hard\":true,\"vmIds\":[\"" + a + "\",\"" + stranger + "\"]}")
                .post(groups).then().statusCode(422).body("detail", containsString("not VMs of cluster sched-affinity"));
        given().contentType(ContentType.JSON).body("{\"name\":\"one\",\"vmPolarity\":\"POSITIVE\",\"vmIds\":[\"" + a + "\"]}")
                .post(groups).then().statusCode(422).body("detail", containsString("at least two VMs"));
        given().contentType(ContentType.JSON).body("{\"name\":\"nothing\",\"vmIds\":[\"" + a + "\"]}")
                .post(groups).then().statusCode(422).body("detail", containsString("needs a vmPolarity or a hostPolarity"));
        given().contentType(ContentType.JSON).body("{\"name\":\"pin\",\"hostPolarity\":\"POSITIVE\",\"vmIds\":[\"" + a + "\"]}")
                .post(groups).then().statusCode(422).body("detail", containsString("needs hostIds"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"vmPolarity\":\"SIDEWAYS\",\"vmIds\":[]}")
                .post(groups).then().statusCode(400);

        String apart = given().contentType(ContentType.JSON)
                .body("{\"name\":\"apart\",\"vmPolarity\":\"NEGATIVE\",\"hard\":true,\"vmIds\":[\"" + a + "\",\"" + b + "\"]}")
                .post(groups).then().statusCode(201).body("hard", equalTo(true)).extract().path("id");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"together\",\"vmPolarity\":\"POSITIVE\",\"hard\":true,\"vmIds\":[\"" + a + "\",\"" + b + "\"]}")
                .post(groups).then().statusCode(409).body("detail", containsString("contradicts hard group 'apart'"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"together\",\"vmPolarity\":\"POSITIVE\",\"hard\":false,\"vmIds\":[\"" + a + "\",\"" + b + "\"]}")
                .post(groups).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"apart\",\"vmPolarity\":\"NEGATIVE\",\"vmIds\":[\"" + a + "\",\"" + b + "\"]}")
                .post(groups).then().statusCode(409).body("detail", containsString("already has"));

        given().get(groups).then().statusCode(200).body("name", hasItem("apart")).body("name", hasItem("together"));
        given().delete(groups + "/" + apart).then().statusCode(204);
        given().get(groups + "/" + apart).then().statusCode(404);
        given().get("/api/v1/clusters/00000000-0000-4000-8000-00000000dead/affinitygroups").then().statusCode(404);
    }

    @Test
    void theDryRunExplainsEveryHost() {
        given().contentType(ContentType.JSON)
                .body("{\"token\":\"test-token\",\"facts\":{\"hostname\":\"dry-host\",\"cpuCount\":4,\"memoryMiB\":4096}}")
                .post("/api/v1/hosts/enroll").then().statusCode(200);
        String vm = newVm("dry-vm", "00000000-0000-4000-8000-000000000001");
        given().get("/api/v1/vms/" + vm + "/placement").then().statusCode(200)
                .body("wouldRunOn", nullValue())
                .body("rejected.find { it.hostName == 'dry-host' }.unit", equalTo("host_up"))
                .body("rejected.find { it.hostName == 'dry-host' }.reason", equalTo("is INSTALLING"))
                .body("explanation", containsString("no host can run it: "));
        given().get("/api/v1/vms/00000000-0000-4000-8000-00000000dead/placement").then().statusCode(404);
        given().get(DEFAULT + "/scheduling").then().statusCode(200);
    }
}
