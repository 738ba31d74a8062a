package dev.vireo.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClusterClient and EngineClient.migrate against a JDK HttpServer speaking the engine's contract. */
class ClusterClientTest {

    private static final String POLICY = """
            {"policy":"POWER_SAVING","weightFactors":{"power_saving":5.0,"soft_affinity":3.0},"vcpuOvercommit":4.0,
             "maxVmsPerHost":0,"highUtilization":80,"lowUtilization":20,
             "availablePolicies":["NONE","EVENLY_DISTRIBUTED","POWER_SAVING","VM_EVENLY_DISTRIBUTED"],
             "availableWeights":["even_memory","even_cpu","power_saving","even_vm_count","soft_affinity"],
             "filters":["host_up","memory"]}""";

    private HttpServer server;
    private EngineClient engine;
    private ClusterClient clusters;
    /** "METHOD path body" of every request */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
        engine = new EngineClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2));
        clusters = new ClusterClient(engine);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        requests.add(call + (body.isEmpty() ? "" : " " + body));
        switch (call) {
            case "GET /api/v1/clusters/c1/scheduling" -> reply(ex, 200, "application/json", POLICY);
            case "PUT /api/v1/clusters/c1/scheduling" -> {
                if (body.contains("-1")) {
                    reply(ex, 400, "application/problem+json", "{\"title\":\"Bad Request\",\"status\":400,"
                            + "\"detail\":\"weight factor of even_cpu must be between 0 and 100\"}");
                } else {
                    reply(ex, 200, "application/json", POLICY);
                }
            }
            case "PUT /api/v1/clusters/c1/migration" -> reply(ex, 200, "application/json",
                    "{\"maxDowntimeMs\":300,\"bandwidthMiBps\":0,\"parallelPerHost\":2,\"autoConverge\":true,\"postCopy\":false}");
            case "GET /api/v1/clusters/c1/switchtype" -> reply(ex, 200, "application/json", "{\"switchType\":\"legacy\"}");
            case "PUT /api/v1/clusters/c1/switchtype" -> reply(ex, 200, "application/json", body);
            case "GET /api/v1/clusters/c1/affinitygroups" -> reply(ex, 200, "application/json", """
                    [{"id":"g1","clusterId":"c1","name":"apart","vmPolarity":"NEGATIVE","hostPolarity":"NONE",
                      "hard":true,"vmIds":["v1","v2"],"hostIds":[],"createdAt":"2025-01-02T03:04:05Z"}]""");
            case "POST /api/v1/clusters/c1/affinitygroups" -> reply(ex, 201, "application/json", """
                    {"id":"g2","clusterId":"c1","name":"pinned","vmPolarity":"NONE","hostPolarity":"POSITIVE",
                     "hard":false,"vmIds":["v1"],"hostIds":["h1"]}""");
            case "DELETE /api/v1/clusters/c1/affinitygroups/g1" -> {
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
            case "POST /api/v1/vms/v1/migrate" -> reply(ex, 202, "application/json",
                    "{\"id\":\"j7\",\"action\":\"migrate\",\"status\":\"RUNNING\",\"progress\":10}");
            case "POST /api/v1/vms/v2/migrate" -> reply(ex, 409, "application/problem+json", "{\"status\":409,"
                    + "\"detail\":\"no other host in cluster 'Default' can take VM v2: h2: memory: has 100 MiB free, needs 512\"}");
            default -> reply(ex, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no " + call + "\"}");
        }
    }

    @Test
    void readsTheSchedulingPolicy() {
        SchedulingPolicy p = clusters.scheduling("c1");
        assertEquals("POWER_SAVING", p.policy());
        assertEquals(Map.of("power_saving", 5.0, "soft_affinity", 3.0), p.weightFactors());
        assertEquals(4, p.availablePolicies().size());
        assertEquals("even_memory", p.availableWeights().get(0));
        assertEquals(20, p.lowUtilization());
    }

    @Test
    void anUpdateSendsOnlyTheFieldsItHas() {
        clusters.updateScheduling("c1", new SchedulingPolicy.Update("POWER_SAVING", null, 2.0, null, null, null));
        assertEquals("PUT /api/v1/clusters/c1/scheduling {\"policy\":\"POWER_SAVING\",\"vcpuOvercommit\":2.0}",
                requests.get(0));
    }

    @Test
    void aRefusedUpdateCarriesTheEnginesReason() {
        EngineProblemException e = assertThrows(EngineProblemException.class, () -> clusters.updateScheduling("c1",
                new SchedulingPolicy.Update(null, Map.of("even_cpu", -1.0), null, null, null, null)));
        assertEquals(400, e.status());
        assertEquals("weight factor of even_cpu must be between 0 and 100", e.getMessage());
    }

    @Test
    void migrationPolicyAndSwitchType() {
        MigrationPolicy p = clusters.updateMigration("c1", new MigrationPolicy(300, null, 2, true, null));
        assertEquals("PUT /api/v1/clusters/c1/migration {\"maxDowntimeMs\":300,\"parallelPerHost\":2,\"autoConverge\":true}",
                requests.get(0));
        assertEquals(0, p.bandwidthMiBps());
        assertEquals("legacy", clusters.switchType("c1"));
        assertEquals("ovs", clusters.updateSwitchType("c1", "ovs"));
        assertEquals("PUT /api/v1/clusters/c1/switchtype {\"switchType\":\"ovs\"}", requests.get(2));
    }

    @Test
    void affinityGroupsListCreateDelete() {
        AffinityGroup g = clusters.affinityGroups("c1").get(0);
        assertEquals("NEGATIVE", g.vmPolarity());
        assertEquals(Set.of("v1", "v2"), g.vmIds());
        assertTrue(g.hard());
        AffinityGroup created = clusters.createAffinityGroup("c1",
                new AffinityGroup.Create("pinned", "NONE", "POSITIVE", false, Set.of("v1"), Set.of("h1")));
        assertEquals("g2", created.id());
        assertTrue(requests.get(1).startsWith("POST /api/v1/clusters/c1/affinitygroups {\"name\":\"pinned\","
                + "\"vmPolarity\":\"NONE\",\"hostPolarity\":\"POSITIVE\",\"hard\":false"), requests.get(1));
        clusters.deleteAffinityGroup("c1", "g1");
        assertEquals("DELETE /api/v1/clusters/c1/affinitygroups/g1", requests.get(2));
    }

    @Test
    void migrateNamesTheHostOrLeavesItToTheScheduler() {
        assertEquals("j7", engine.migrate("v1", "h2").id());
        assertEquals("POST /api/v1/vms/v1/migrate {\"hostId\":\"h2\"}", requests.get(0));
        engine.migrate("v1", null);
        assertEquals("POST /api/v1/vms/v1/migrate", requests.get(1));
        EngineProblemException e = assertThrows(EngineProblemException.class, () -> engine.migrate("v2", null));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().startsWith("no other host in cluster 'Default' can take VM v2"), e.getMessage());
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
