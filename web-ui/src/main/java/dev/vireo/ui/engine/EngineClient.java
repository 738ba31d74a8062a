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
 * Client of the engine's public REST API ({@code /api/v1}). Plain JDK HttpClient + Jackson, no UI
 * types, so scripts and tests can use it as well. Thread-safe.
 *
 * <p>Every call either returns the parsed answer or throws an {@link EngineException}:
 * {@link EngineUnreachableException} when no HTTP answer came, {@link EngineProblemException} for a
 * 4xx/5xx answer (its {@code application/problem+json} body, or one made up from the status).
 */
public class EngineClient {

    private static final TypeReference<Page<Host>> HOST_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Vm>> VM_PAGE = new TypeReference<>() { };

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Supplier<String> bearerToken;

    public EngineClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, () -> null);
    }

    /**
     * @param bearerToken the token of the person on whose behalf a call is made, read at each call
     *                    (null: none), so one client serves every signed-in user
     */
    public EngineClient(URI baseUrl, Duration timeout, Supplier<String> bearerToken) {
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

    /** The engine's base URL, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    // ---- hosts ---------------------------------------------------------------------------------

    public Page<Host> listHosts(int offset, int limit) {
        return getJson("/api/v1/hosts" + query("offset", offset, "limit", limit), HOST_PAGE);
    }

    /** Exactly the hosts at {@code [offset, offset + limit)}, like {@link #vmRange}. */
    public List<Host> hostRange(int offset, int limit) {
        return range(offset, limit, this::listHosts);
    }

    // ---- VMs -----------------------------------------------------------------------------------

    public Page<Vm> listVms(int offset, int limit, VmQuery q) {
        List<Object> params = new ArrayList<>(List.of("offset", offset, "limit", limit));
        if (q.sort() != null) {
            params.addAll(List.of("sort", q.sort(), "dir", q.ascending() ? "asc" : "desc"));
        }
        if (q.nameLike() != null) {
            params.addAll(List.of("q", q.nameLike()));
        }
        return getJson("/api/v1/vms" + query(params.toArray()), VM_PAGE);
    }

    /**
     * Exactly the VMs at {@code [offset, offset + limit)} (fewer only at the end of the list), in as
     * many requests as the engine's own page-size cap needs.
     */
    public List<Vm> vmRange(int offset, int limit, VmQuery q) {
        return range(offset, limit, (o, l) -> listVms(o, l, q));
    }

    public Vm vm(String id) {
        return getJson("/api/v1/vms/" + seg(id), new TypeReference<>() { });
    }

    public Vm createVm(NewVm vm) {
        HttpRequest req = request("/api/v1/vms")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(vm)))
                .build();
        return read(send(req), new TypeReference<>() { });
    }

    /** Starts a lifecycle action; the engine answers 202 with the job that carries it out. */
    public Job vmAction(String vmId, VmAction action) {
        HttpRequest req = request("/api/v1/vms/" + seg(vmId) + "/" + action.path())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return read(send(req), new TypeReference<>() { });
    }

    public void deleteVm(String vmId) {
        send(request("/api/v1/vms/" + seg(vmId)).DELETE().build());
    }

    /** The guest's serial console output so far (text/plain). */
    public String consoleLog(String vmId) {
        HttpRequest req = request("/api/v1/vms/" + seg(vmId) + "/console-log")
                .header("Accept", "text/plain, application/problem+json")
                .GET()
                .build();
        return send(req).body();
    }

    /** A one-time console ticket for the running VM. */
    public ConsoleTicket consoleTicket(String vmId) {
        HttpRequest req = request("/api/v1/vms/" + seg(vmId) + "/console")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return read(send(req), new TypeReference<>() { });
    }

    /**
     * The scheduler's dry run for the VM: where it would run now, every host's scores, and why the
     * others cannot take it. Places nothing.
     */
    public Placement placement(String vmId) {
        return getJson("/api/v1/vms/" + seg(vmId) + "/placement", new TypeReference<>() { });
    }

    // ---- the signed-in person --------------------------------------------------------------------

    /** Who the engine sees behind this UI's calls: name, groups, administrator or not, quota. */
    public Me me() {
        return getJson("/api/v1/me", new TypeReference<>() { });
    }

    // ---- jobs ----------------------------------------------------------------------------------

    public Job job(String id) {
        return getJson("/api/v1/jobs/" + seg(id), new TypeReference<>() { });
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private static <T> List<T> range(int offset, int limit, BiFunction<Integer, Integer, Page<T>> pageAt) {
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

    private <T> T getJson(String path, TypeReference<T> type) {
        return read(send(request(path).GET().build()), type);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        String token = bearerToken.get();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest req) {
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

    private <T> T read(HttpResponse<String> resp, TypeReference<T> type) {
        try {
            return json.readValue(resp.body(), type);
        } catch (JsonProcessingException e) {
            throw new EngineException("Unexpected answer from the engine at " + resp.uri() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String query(Object... nameValuePairs) {
        StringJoiner j = new StringJoiner("&", "?", "");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            j.add(nameValuePairs[i] + "=" + enc(String.valueOf(nameValuePairs[i + 1])));
        }
        return j.toString();
    }

    private static String seg(String pathSegment) {
        return enc(pathSegment);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
