package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small client of the engine's public REST API, as a script would use it. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final java.util.function.Supplier<String> token;

    /** Anonymous calls. */
    public Api(int port) {
        this(port, () -> null);
    }

    /** Calls with the bearer token the supplier gives at each call (null: none). */
    public Api(int port, java.util.function.Supplier<String> token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, String json) {
        var b = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(b);
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A chunk of an upload: raw bytes with their {@code Content-Range}. */
    public Answer putBytes(String path, byte[] bytes, String contentRange) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/octet-stream")
                .header("Content-Range", contentRange).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** The status of a GET whose body never ends (a server-sent event stream): read the head, then hang up. */
    public int streamStatus(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) {
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The id of the host with this name, from {@code GET /api/v1/hosts}. */
    public String hostId(String name) {
        for (JsonNode h : get("/api/v1/hosts").json().path("items")) {
            if (name.equals(h.path("name").asText())) {
                return h.path("id").asText();
            }
        }
        throw new AssertionError("no host " + name);
    }

    /** Polls GET path until the JSON satisfies the condition; returns it, or fails with the last answer. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (last.status() == 200 && condition.test(last.json())) {
                return last.json();
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; last answer: " + (last == null ? "none" : last.status() + " " + last.body()));
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
