package dev.vireo.engine.cloudinit;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.commons.codec.digest.Crypt;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cloud-init data through the API: bad input is a clear 4xx and stores nothing; a password never comes back. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestSecurity(user = "alice", roles = "user")
class CloudInitApiTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEm4x6B7mYh1m7a7wJtZ0Yl8cQ0tq2rW5YbJ0m7ZpQ1X alice@laptop";

    private static String vm(String name, String cloudInit) {
        return "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1,\"cloudInit\":" + cloudInit + "}";
    }

    private static void refused(String name, String cloudInit, int status, String detail) {
        given().contentType(ContentType.JSON).body(vm(name, cloudInit)).post("/api/v1/vms")
                .then().statusCode(status).contentType("application/problem+json").body("detail", containsString(detail));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Vm.count("name", name)), name + ": nothing half-created");
    }

    @Test
    void badInputIsRefusedWhole() {
        refused("ci-bad-yaml", "{\"userData\":\"#cloud-config\\nusers: [unclosed\"}", 422, "not valid YAML");
        refused("ci-not-cloud-config", "{\"userData\":\"#!/bin/sh\\nrm -rf /\"}", 422, "first line is #cloud-config");
        refused("ci-a-list", "{\"userData\":\"#cloud-config\\n- a\\n- b\"}", 422, "YAML mapping");
        refused("ci-injected-key", "{\"sshAuthorizedKeys\":[\"" + KEY + "\\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEm4x6B7mYh1m7a7wJtZ0Yl8cQ0tq2rW5YbJ0m7ZpQ1X mallory\"]}",
                422, "sshAuthorizedKeys[0] is not one OpenSSH public key line");
        refused("ci-option-key", "{\"sshAuthorizedKeys\":[\"command=\\\"/bin/sh\\\" " + KEY + "\"]}", 422, "not one OpenSSH public key line");
        refused("ci-wrong-blob", "{\"sshAuthorizedKeys\":[\"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIEm4x6B7mYh1m7a7wJtZ0Yl8cQ0tq2rW5YbJ0m7ZpQ1X\"]}",
                422, "not a ssh-rsa key");
        refused("ci-shell-host", "{\"hostname\":\"a;reboot\"}", 400, "must be a host name");
        refused("ci-both", "{\"user\":\"alice\",\"userData\":\"#cloud-config\\n{}\"}", 422, "either userData");
        refused("ci-bad-ip", "{\"ip\":{\"address\":\"example.com/24\"}}", 422, "IPv4 or IPv6 address");
        refused("ci-bad-prefix", "{\"ip\":{\"address\":\"10.0.0.5/33\"}}", 422, "prefix length");
        refused("ci-bad-user", "{\"user\":\"Root Beer\"}", 400, "Linux user name");
        refused("ci-short-password", "{\"password\":\"short\"}", 400, "8 to 256");
        // 10 MiB of user-data: past the request size limit, refused before the body is even read
        String big = "#cloud-config\\n# " + "x".repeat(10 << 20);
        assertEquals(413, postExpectingContinue(vm("ci-huge", "{\"userData\":\"" + big + "\"}")));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Vm.count("name", "ci-huge")));
        String justOver = "#cloud-config\\n# " + "x".repeat(CloudInitChecks.MAX_USER_DATA);
        refused("ci-over", "{\"userData\":\"" + justOver + "\"}", 400, "at most 65536");
    }

    /** As curl sends a large body: headers first, the body only after the server's 100 Continue. */
    private static int postExpectingContinue(String body) {
        try {
            var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/vms"))
                    .expectContinue(true).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void thePasswordIsHashedAndNeverShown() {
        String id = given().contentType(ContentType.JSON)
                .body(vm("ci-password", "{\"user\":\"alice\",\"password\":\"s3cret-horse-battery\",\"sshAuthorizedKeys\":[\"" + KEY + "\"]}"))
                .post("/api/v1/vms").then().statusCode(201)
                .body(not(containsString("s3cret-horse-battery"))).extract().path("id");
        given().get("/api/v1/vms/" + id).then().statusCode(200).body(not(containsString("s3cret")));
        long leaked = QuarkusTransaction.requiringNew().call(() -> ((Number) dev.vireo.engine.events.AuditEvent.getEntityManager()
                .createNativeQuery("select count(*) from events e where cast(e.* as text) like '%s3cret%'")
                .getSingleResult()).longValue());
        assertEquals(0L, leaked, "no audit line holds the password");
        VmCloudInit stored = QuarkusTransaction.requiringNew().call(() -> VmCloudInit.findById(UUID.fromString(id)));
        assertTrue(stored.passwordHash.startsWith("$6$"), stored.passwordHash);
        assertEquals(stored.passwordHash, Crypt.crypt("s3cret-horse-battery", stored.passwordHash), "the hash checks the password");
        assertEquals("alice", stored.userName);
        assertEquals(KEY, stored.sshAuthorizedKeys);
        assertEquals("ci-password", stored.hostname, "the VM's name by default");
        assertNull(stored.ipAddress, "DHCP by default");
    }
}
