package dev.vireo.agent.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.protocol.HostFacts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enrolment: {@code POST {engine}/api/v1/hosts/enroll} with {@code {"token": …, "facts": HostFacts}};
 * the engine answers 200 or 201 with {@code {"hostId": …, "credential": …}}.
 */
public final class Enrollment {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EngineSettings settings;
    private final HttpClient http;

    public Enrollment(EngineSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public Credential enroll(HostFacts facts) throws EngineRefused, IOException, InterruptedException {
        String token = settings.enrollmentToken().filter(t -> !t.isBlank()).orElseThrow(() -> new EngineRefused(0,
                "no credential in " + settings.credentialFile() + " and no vireo.agent.enrollment-token to enrol with"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("facts", facts);
        HttpRequest request = HttpRequest.newBuilder(settings.enrollUri())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new EngineRefused(response.statusCode(), "enrolment at " + settings.enrollUri() + " refused: HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
        return credentialFrom(response.body());
    }

    private Credential credentialFrom(String body) throws EngineRefused {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EngineRefused(0, "enrolment answer is not JSON: " + abbreviate(body));
        }
        String hostId = json.path("hostId").asText("");
        String credential = json.path("credential").asText("");
        if (hostId.isBlank() || credential.isBlank()) {
            throw new EngineRefused(0, "enrolment answer lacks hostId or credential");
        }
        return new Credential(hostId, credential);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
