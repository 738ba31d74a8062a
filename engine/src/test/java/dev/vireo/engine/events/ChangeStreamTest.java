package dev.vireo.engine.events;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static dev.vireo.engine.support.Fixtures.vmRow;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change stream the portals listen to: what changed arrives within a second, and only what the listener may see. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ChangeStreamTest {

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;
    @Inject
    EventLog events;

    /** Reads the stream's data lines in the background until {@link #close()}. */
    private final class Listening implements AutoCloseable {
        final List<String> data = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile Stream<String> lines;

        Listening() throws Exception {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            lines = response.body();
            reader = new Thread(() -> {
                try {
                    lines.filter(l -> l.startsWith("data:")).forEach(l -> data.add(l.substring(5)));
                } catch (RuntimeException closed) {
                    // the test is over
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        boolean awaitContains(String text, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                if (data.stream().anyMatch(d -> d.contains(text))) {
                    return true;
                }
                Thread.sleep(50);
            }
            return false;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorHearsOfANewVmWithinASecondOrTwo() throws Exception {
        try (Listening l = new Listening()) {
            String id = given().contentType(ContentType.JSON).body("{\"name\":\"stream-vm\",\"memoryMiB\":64,\"vcpus\":1}")
                    .post("/api/v1/vms").then().statusCode(201).extract().path("id");
            assertTrue(l.awaitContains(id, 5000), "a tick names the new VM; got " + l.data);
            assertTrue(l.data.stream().anyMatch(d -> d.contains("\"vm\"")), "and its kind: " + l.data);
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "user")
    void aUserHearsOnlyOfHerOwnVms() throws Exception {
        UUID hers = vmRow("alice-stream", VmStatus.DOWN, null, "alice", OffsetDateTime.now()).id;
        UUID his = vmRow("bob-stream", VmStatus.DOWN, null, "bob", OffsetDateTime.now()).id;
        try (Listening l = new Listening()) {
            events.info("bob", "vm.test", "vm", his, "bobs-vm", "something happened to bob's VM");
            events.info("alice", "vm.test", "vm", hers, "alices-vm", "something happened to alice's VM");
            events.info("system", "host.test", "host", UUID.randomUUID(), "some-host", "hosts are for administrators");
            assertTrue(l.awaitContains(hers.toString(), 5000), "alice hears of her VM; got " + l.data);
            Thread.sleep(1500);   // another tick, in case bob's change came later
            assertFalse(l.data.stream().anyMatch(d -> d.contains(his.toString())), "never of bob's: " + l.data);
            assertFalse(l.data.stream().anyMatch(d -> d.contains("host")), "nor of hosts: " + l.data);
        }
    }

}
