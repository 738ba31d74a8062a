package dev.vireo.ui.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The HTTP plumbing behind {@link EngineClient} and {@link AccessClient}: requests with the caller's
 * bearer token, JSON both ways, and every 4xx/5xx turned into an {@link EngineProblemException}.
 */
final class EngineHttp {

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Supplier<String> bearerToken;

    EngineHttp(URI baseUrl, Duration timeout, Supplier<String> bearerToken) {
        this.bearerToken = bearerToken;
        String s = baseUrl.toString();
        this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    URI baseUrl() {
        return baseUrl;
    }

    HttpClient client() {
        return http;
    }

    <T> T get(String path, TypeReference<T> type) {
        return read(send(request(path).GET().build()), type);
    }

    HttpResponse<String> post(String path, Object body) {
        return send(withBody(request(path), "POST", body).build());
    }

    HttpResponse<String> put(String path, Object body) {
        return send(withBody(request(path), "PUT", body).build());
    }

    void delete(String path) {
        send(request(path).DELETE().build());
    }

    private HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }

    /** Exactly the items at {@code [offset, offset + limit)}, in as many pages as the engine's page cap needs. */
    static <T> List<T> range(int offset, int limit, BiFunction<Integer, Integer, Page<T>> pageAt) {
        List<T> out = new ArrayList<>(Math.min(limit, 1000));
        while (out.size() < limit) {
            Page<T> page = pageAt.apply(offset + out.size(), limit - out.size());
            if (page.items().isEmpty()) {
                break;
            }
            out.addAll(page.items().subList(0, Math.min(page.items().size(), limit - out.size())));
            if (offset + out.size() >= page.total()) {
                break;
            }
        }
        return out;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        String token = bearerToken.get();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest req) {
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineUnreachableException(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnreachableException(baseUrl, e);
        }
        if (resp.statusCode() >= 400) {
            throw new EngineProblemException(problemOf(req, resp));
        }
        return resp;
    }

    private Problem problemOf(HttpRequest req, HttpResponse<String> resp) {
        String type = resp.headers().firstValue("Content-Type").orElse("");
        String body = resp.body() == null ? "" : resp.body();
        if (type.contains("json") && !body.isBlank()) {
            try {
                Problem p = json.readValue(body, Problem.class);
                return new Problem(p.type(), p.title(), p.status() == null ? resp.statusCode() : p.status(),
                        p.detail());
            } catch (JsonProcessingException ignored) {
                // fall through: not a problem document
            }
        }
        String detail = req.method() + " " + req.uri().getPath() + " failed with HTTP " + resp.statusCode()
                + (body.isBlank() ? "" : ": " + abbreviate(body.strip(), 200));
        return new Problem("about:blank", "HTTP " + resp.statusCode(), resp.statusCode(), detail);
    }

    <T> T read(HttpResponse<String> resp, TypeReference<T> type) {
        try {
            return json.readValue(resp.body(), type);
        } catch (JsonProcessingException e) {
            throw new EngineException("Unexpected answer from the engine at " + resp.uri() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String query(Object... nameValuePairs) {
        StringJoiner j = new StringJoiner("&", "?", "");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] != null) {
                j.add(nameValuePairs[i] + "=" + enc(String.valueOf(nameValuePairs[i + 1])));
            }
        }
        return j.toString();
    }

    static String seg(String pathSegment) {
        return enc(pathSegment);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
