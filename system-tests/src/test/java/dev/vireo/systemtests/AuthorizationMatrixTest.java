package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.systemtests.AuthorizationRules.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.vireo.systemtests.AuthorizationRules.CALLERS;
import static dev.vireo.systemtests.AuthorizationRules.ENROLL;
import static dev.vireo.systemtests.AuthorizationRules.NEW_AFFINITY_GROUP;
import static dev.vireo.systemtests.AuthorizationRules.NEW_PERMISSION;
import static dev.vireo.systemtests.AuthorizationRules.NEW_QUOTA;
import static dev.vireo.systemtests.AuthorizationRules.SAME_QUOTA;
import static dev.vireo.systemtests.AuthorizationRules.WEBSOCKETS;
import static dev.vireo.systemtests.AuthorizationRules.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Who may call what, with real Keycloak tokens against the built engine: every endpoint of the API
 * (each JAX-RS {@code @Path} and method, the two websockets, the open enrolment and health paths) for
 * four callers: nobody (no token), alice and bob (realm role {@code user}; alice owns alice-vm, bob owns
 * bob-vm) and admin (realm role {@code admin}). The rules: no token is 401 outside the open paths;
 * administration is 403 for users; a VM a user may not see is 404, one they may see but lack the role
 * for is 403. Then the things a table cannot say: what lists show, how a permission and a quota change
 * the answers, and whom the audit log names.
 *
 * <p>No hypervisor runs, so a request that is allowed yet needs one gets the engine's documented 409
 * (the VM is DOWN, no host is UP): that still proves the caller got past authorization. Every mismatch
 * is collected; the test fails once with all of them. The table of expected statuses is {@link AuthorizationRules}.
 */
@Tag("lab")
class AuthorizationMatrixTest {

    private final List<String> mismatches = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final AtomicInteger unique = new AtomicInteger();
    private Lab lab;
    private final Map<String, Api> apis = new LinkedHashMap<>();

    @Test
    void everyEndpointAnswersEachCallerAsTheRulesSay() throws Exception {
        long t0 = System.nanoTime();
        try (Lab started = Lab.engineOnly(List.of())) {
            lab = started;
            apis.put("anonymous", lab.anonymousApi());
            for (String user : List.of("alice", "bob", "admin")) {
                apis.put(user, lab.apiAs(user));
            }
            Api admin = apis.get("admin");
            Api alice = apis.get("alice");
            Api bob = apis.get("bob");

            // --- setup: each user's VM, the cluster they are in, a host (enrolled, never connected), a quota, an affinity group
            ids.put("aliceVm", created(alice.post("/api/v1/vms", vm("alice-vm")), "alice creates alice-vm"));
            ids.put("bobVm", created(bob.post("/api/v1/vms", vm("bob-vm")), "bob creates bob-vm"));
            String cluster = alice.get("/api/v1/vms/" + ids.get("aliceVm")).json().path("clusterId").asText();
            Api.Answer clusters = admin.get("/api/v1/clusters");
            assertEquals(200, clusters.status(), clusters.body());
            assertEquals(List.of(cluster), clusters.json().path("items").findValuesAsText("id").stream()
                    .filter(cluster::equals).toList(), "alice-vm's cluster is listed: " + clusters.body());
            ids.put("cluster", cluster);
            ids.put("enrollToken", lab.enrollmentToken());
            Api.Answer enrolled = lab.anonymousApi().post("/api/v1/hosts/enroll", fill(ENROLL));
            assertEquals(200, enrolled.status(), enrolled.body());
            ids.put("host", enrolled.json().path("hostId").asText());
            ids.put("quota", created(admin.post("/api/v1/quotas", SAME_QUOTA), "a quota for matrix-nobody"));
            ids.put("affinityGroup", created(admin.post("/api/v1/clusters/" + cluster + "/affinitygroups",
                    fill(NEW_AFFINITY_GROUP.replace("{n}", "setup"))), "an affinity group"));
            JsonNode migrationBefore = admin.get("/api/v1/clusters/" + cluster + "/migration").json();
            JsonNode schedulingBefore = admin.get("/api/v1/clusters/" + cluster + "/scheduling").json();

            // --- each sees their own VMs only; the admin sees all
            listed("alice", "alice-vm", true);
            listed("alice", "bob-vm", false);
            listed("bob", "bob-vm", true);
            listed("bob", "alice-vm", false);
            listed("admin", "alice-vm", true);
            listed("admin", "bob-vm", true);

            // --- the matrix
            List<Row> rows = matrix();
            for (Row row : rows) {
                for (String caller : CALLERS) {
                    String path = fill(row.path(), caller);
                    String body = row.body() == null ? null : fill(row.body(), caller);
                    Api.Answer answer = call(apis.get(caller), row.method(), path, body);
                    if (answer.status() != row.expected(caller)) {
                        mismatch(row.method() + " " + path, caller, row.expected(caller), answer.status(), answer.body());
                    }
                }
            }
            // the PUTs above sent no field, so nothing may have changed
            same("PUT migration {} keeps the cluster's migration policy", migrationBefore,
                    admin.get("/api/v1/clusters/" + cluster + "/migration").json());
            same("PUT scheduling {} keeps the cluster's scheduling policy", schedulingBefore,
                    admin.get("/api/v1/clusters/" + cluster + "/scheduling").json());

            // --- websockets: refused before the upgrade
            for (Object[] ws : WEBSOCKETS) {
                for (int i = 0; i < CALLERS.size(); i++) {
                    String caller = CALLERS.get(i);
                    String bearer = caller.equals("anonymous") ? null : "Bearer " + lab.keycloak.token(caller, caller);
                    Upgrade u = upgrade((String) ws[0], bearer);
                    if (u.status() != (int) ws[i + 1]) {
                        mismatch("WEBSOCKET " + ws[0], caller, (int) ws[i + 1], u.status(), u.detail());
                    }
                }
            }
            // --- the change stream (server-sent events, a body that never ends): the head is enough
            int[] streamExpected = {401, 200, 200, 200};
            for (int i = 0; i < CALLERS.size(); i++) {
                int status = apis.get(CALLERS.get(i)).streamStatus("/api/v1/events/stream");
                if (status != streamExpected[i]) {
                    mismatch("GET /api/v1/events/stream", CALLERS.get(i), streamExpected[i], status, "(a stream)");
                }
            }
            // while the host's own credential opens the agent's websocket (a person's token must not break that)
            Api.Answer again = lab.anonymousApi().post("/api/v1/hosts/enroll", fill(ENROLL));
            if (again.status() == 200) {
                Upgrade agent = upgrade("/api/v1/agent/connect",
                        "Bearer " + again.json().path("hostId").asText() + ":" + again.json().path("credential").asText());
                if (agent.status() != 101) {
                    mismatch("WEBSOCKET /api/v1/agent/connect", "the host's agent (its credential)", 101, agent.status(), agent.detail());
                }
            } else {
                mismatch("POST /api/v1/hosts/enroll", "anonymous", 200, again.status(), again.body());
            }

            // --- a permission from the admin lets bob see and use alice-vm, but not delete it (USER, not ADMIN)
            String aliceVm = ids.get("aliceVm");
            expect(bob.get("/api/v1/vms/" + aliceVm), 404, "bob GET alice-vm before the grant");
            bulkOutcome(bob, aliceVm, 404, "bob's bulk start names alice-vm before the grant");
            bulkOutcome(alice, aliceVm, 409, "alice's bulk start names alice-vm (allowed; no host is UP)");
            expect(admin.post("/api/v1/permissions", "{\"principalKind\":\"USER\",\"principal\":\"bob\",\"role\":\"USER\","
                    + "\"objectKind\":\"VM\",\"objectId\":\"" + aliceVm + "\"}"), 201, "admin grants bob USER on alice-vm");
            expect(bob.get("/api/v1/vms/" + aliceVm), 200, "bob GET alice-vm after the grant");
            listed("bob", "alice-vm", true);
            expect(bob.get("/api/v1/events?objectId=" + aliceVm), 200, "bob reads alice-vm's events after the grant");
            expect(bob.post("/api/v1/vms/" + aliceVm + "/start", null), 409, "bob starts alice-vm after the grant (allowed; no host is UP)");
            bulkOutcome(bob, aliceVm, 409, "bob's bulk start names alice-vm after the grant (allowed; no host is UP)");
            expect(bob.delete("/api/v1/vms/" + aliceVm), 403, "bob deletes alice-vm with only USER on it");
            expect(alice.get("/api/v1/vms/" + aliceVm), 200, "alice-vm is still there");

            // --- a quota: VMs count against the quota they were charged to when created, so alice's earlier
            // VMs do not; with maxVms 1 her next VM is the quota's one, the one after is refused
            expect(admin.post("/api/v1/quotas", "{\"name\":\"alice-quota\",\"principalKind\":\"USER\",\"principal\":\"alice\","
                    + "\"maxVms\":1}"), 201, "admin sets alice-quota (1 VM)");
            expect(alice.post("/api/v1/vms", vm("alice-quota-1")), 201, "alice's first VM under alice-quota");
            Api.Answer refused = alice.post("/api/v1/vms", vm("alice-quota-2"));
            expect(refused, 403, "alice's second VM under alice-quota");
            check(refused.body().contains("Quota exceeded") && refused.body().contains("alice-quota"),
                    "the refusal says 'Quota exceeded' and names alice-quota", refused.body());
            expect(bob.post("/api/v1/vms", vm("bob-after-quota")), 201, "bob, who has no quota, still creates");
            JsonNode me = alice.get("/api/v1/me").json();
            check("alice-quota".equals(me.path("quota").path("name").asText()) && me.path("quota").path("usedVms").asInt() == 1,
                    "alice's /me shows alice-quota with 1 VM used", me.toString());

            // --- the audit log names alice as who created her VM
            Api.Answer events = admin.get("/api/v1/events?objectId=" + aliceVm + "&limit=1000");
            expect(events, 200, "admin reads alice-vm's events");
            List<String> creators = new ArrayList<>();
            for (JsonNode e : events.json().path("items")) {
                if ("vm.create".equals(e.path("action").asText())) {
                    creators.add(e.path("actor").asText());
                }
            }
            check(!creators.isEmpty() && creators.stream().allMatch("alice"::equals),
                    "every vm.create event of alice-vm names alice as actor (found " + creators + ")", events.body());

            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            System.out.println("authorization matrix: " + rows.size() + " endpoints x " + CALLERS.size() + " callers = "
                    + rows.size() * CALLERS.size() + " calls, " + (WEBSOCKETS.size() * CALLERS.size() + 1)
                    + " websocket upgrades; " + mismatches.size() + " mismatches; " + seconds + " s (engine start "
                    + lab.engineStartTime.toSeconds() + " s)");
            if (!mismatches.isEmpty()) {
                fail(mismatches.size() + " answers differ from the rules (method path caller: expected, actual, body):\n  "
                        + String.join("\n  ", mismatches));
            }
        }
    }

    // --- helpers

    private static String vm(String name) {
        return "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}";
    }

    private static String created(Api.Answer answer, String what) {
        assertEquals(201, answer.status(), what + ": " + answer.body());
        return answer.json().path("id").asText();
    }

    /** Fills the setup's ids into a template. */
    private String fill(String template) {
        String s = template;
        for (var e : ids.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    /** Fills ids, a unique {n}, and makes the {fresh…} objects this one call needs. */
    private String fill(String template, String caller) {
        String s = template.replace("{n}", caller + "-" + unique.incrementAndGet());
        if (s.contains("{freshAliceVm}")) {
            s = s.replace("{freshAliceVm}", created(apis.get("alice").post("/api/v1/vms",
                    vm("alice-doomed-" + unique.incrementAndGet())), "a VM of alice's to delete"));
        }
        if (s.contains("{freshPermission}")) {
            s = s.replace("{freshPermission}", created(apis.get("admin").post("/api/v1/permissions",
                    fill(NEW_PERMISSION.replace("{n}", "doomed-" + unique.incrementAndGet()))), "a permission to revoke"));
        }
        if (s.contains("{freshQuota}")) {
            s = s.replace("{freshQuota}", created(apis.get("admin").post("/api/v1/quotas",
                    NEW_QUOTA.replace("{n}", "doomed-" + unique.incrementAndGet())), "a quota to delete"));
        }
        if (s.contains("{freshAffinityGroup}")) {
            s = s.replace("{freshAffinityGroup}", created(apis.get("admin").post("/api/v1/clusters/" + ids.get("cluster")
                            + "/affinitygroups", fill(NEW_AFFINITY_GROUP.replace("{n}", "doomed-" + unique.incrementAndGet()))),
                    "an affinity group to delete"));
        }
        return fill(s);
    }

    private static Api.Answer call(Api api, String method, String path, String body) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, body);
            case "PUT" -> body != null && body.startsWith("bytes:")
                    ? api.putBytes(path, new byte[4], "bytes " + body.substring("bytes:".length()))
                    : api.put(path, body);
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private void listed(String caller, String vmName, boolean expected) {
        Api.Answer page = apis.get(caller).get("/api/v1/vms?limit=1000");
        boolean found = page.status() == 200 && page.json().path("items").findValuesAsText("name").contains(vmName);
        check(found == expected, caller + "'s GET /api/v1/vms " + (expected ? "lists " : "does not list ") + vmName, page.body());
    }

    /** The status of the one VM's outcome in a bulk start ({@code POST /api/v1/vms/start}). */
    private void bulkOutcome(Api api, String vmId, int status, String what) {
        Api.Answer answer = api.post("/api/v1/vms/start", "{\"vmIds\":[\"" + vmId + "\"]}");
        expect(answer, 200, what);
        if (answer.status() == 200) {
            int actual = answer.json().path("results").path(0).path("status").asInt();
            check(actual == status, what + ": outcome " + status + " (got " + actual + ")", answer.body());
        }
    }

    private void expect(Api.Answer answer, int status, String what) {
        if (answer.status() != status) {
            mismatches.add(what + ": expected " + status + ", got " + answer.status() + " " + excerpt(answer.body()));
        }
    }

    private void check(boolean ok, String what, String evidence) {
        if (!ok) {
            mismatches.add(what + ": not so; " + excerpt(evidence));
        }
    }

    /** Compares two JSON objects field by field and names the fields that changed. */
    private void same(String what, JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        before.fieldNames().forEachRemaining(f -> {
            if (!before.path(f).equals(after.path(f))) {
                changed.add(f + " was " + before.path(f) + ", is " + after.path(f));
            }
        });
        check(changed.isEmpty(), what, String.join("; ", changed));
    }

    private void mismatch(String request, String caller, int expected, int actual, String body) {
        mismatches.add(request + " as " + caller + ": expected " + expected + ", got " + actual + " " + excerpt(body));
    }

    private static String excerpt(String body) {
        String s = body == null ? "" : body.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private record Upgrade(int status, String detail) {
    }

    /** Opens a websocket and closes it at once: 101 when the engine upgraded, else the status it refused with. */
    private Upgrade upgrade(String path, String authorization) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + lab.enginePort + path), new WebSocket.Listener() {
            }).get(20, TimeUnit.SECONDS);
            ws.abort();
            return new Upgrade(101, "upgraded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                var response = refused.getResponse();
                return new Upgrade(response.statusCode(), "refused; WWW-Authenticate: "
                        + response.headers().firstValue("WWW-Authenticate").orElse("(none)"));
            }
            return new Upgrade(-1, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return new Upgrade(-1, "no answer within 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
