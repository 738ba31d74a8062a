package dev.vireo.engine.events;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One person may hold a few change streams at once, not a worker pool's worth; the next is a 429. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StreamLimitTest {
    @TestHTTPResource("/api/v1/events/stream")
    URI stream;
    @Inject
    StreamLimit limit;

    private HttpResponse<InputStream> open() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    @TestSecurity(user = "carol", roles = "user")
    void theNinthStreamOfOnePersonIsRefused() throws Exception {
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < limit.max(); i++) {
                HttpResponse<InputStream> r = open();
                assertEquals(200, r.statusCode());
                streams.add(r);
            }
            HttpResponse<InputStream> refused = open();
            assertEquals(429, refused.statusCode());
            String body = new String(refused.body().readAllBytes());
            assertTrue(body.contains("at most " + limit.max() + " event streams"), body);
        } finally {
            for (HttpResponse<InputStream> r : streams) {
                r.body().close();
            }
        }
    }

    @Test
    void aSlotIsGivenBackOnceAndOthersAreNotCounted() {
        List<StreamLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < limit.max(); i++) {
            slots.add(limit.take("dave"));
        }
        assertThrows(dev.vireo.engine.api.ApiException.class, () -> limit.take("dave"));
        limit.take("erin").release();
        slots.get(0).release();
        slots.get(0).release();   // twice: counts once
        assertEquals(limit.max() - 1, limit.openFor("dave"));
        slots.add(limit.take("dave"));
        assertThrows(dev.vireo.engine.api.ApiException.class, () -> limit.take("dave"));
        slots.forEach(StreamLimit.Slot::release);
        assertEquals(0, limit.openFor("dave"));
    }
}
