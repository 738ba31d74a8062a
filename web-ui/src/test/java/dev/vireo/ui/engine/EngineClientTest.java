package dev.vireo.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EngineClient against a JDK HttpServer speaking the engine's contract. */
class EngineClientTest {

    private HttpServer server;
    private EngineClient client;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/hosts", ex -> reply(ex, 200, "application/json", """
                {"items":[{"id":"h1","name":"host-1","status":"UP","cpuModel":"Skylake","cpuCount":4,
                 "memoryMiB":8192,"freeMemoryMiB":4096,"domainType":"qemu","libvirtVersion":9000000,
                 "lastHeartbeat":"2025-01-02T03:04:05Z","runningVms":2,"somethingNew":true}],
                 "total":1,"offset":0,"limit":50}"""));
        server.createContext("/api/v1/vms", this::vms);
        server.start();
        client = new EngineClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void vms(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        if (ex.getRequestMethod().equals("GET") && path.equals("/api/v1/vms")) {
            // an engine that caps its pages at 2 items, out of 5 VMs
            String query = ex.getRequestURI().getRawQuery();
            int offset = param(query, "offset");
            StringBuilder items = new StringBuilder();
            for (int i = offset; i < Math.min(offset + 2, 5); i++) {
                items.append(items.length() == 0 ? "" : ",")
                        .append("{\"id\":\"v").append(i).append("\",\"name\":\"vm-").append(i)
                        .append("\",\"status\":\"").append(i == 4 ? "HIBERNATING" : "RUNNING").append("\"}");
            }
            reply(ex, 200, "application/json",
                    "{\"items\":[" + items + "],\"total\":5,\"offset\":" + offset + ",\"limit\":2}");
        } else if (path.equals("/api/v1/vms/v1/placement")) {
            reply(ex, 200, "application/json", """
                    {"vmId":"v1","vmName":"web-1","wouldRunOn":"h1","wouldRunOnName":"h1",
                     "ranked":[{"hostId":"h1","hostName":"h1","total":133.3,
                                "scores":{"even_memory":66.6,"even_cpu":97.5,"soft_affinity":50.0}},
                               {"hostId":"h3","hostName":"h3","total":90.0,"scores":{"even_memory":40.0,"numa":50.0}}],
                     "rejected":[{"hostId":"h2","hostName":"h2","unit":"memory","reason":"has 100 MiB free, needs 512"}],
                     "explanation":"would run on h1; not on h2: memory: has 100 MiB free, needs 512","later":1}""");
        } else if (path.endsWith("/placement")) {
            reply(ex, 404, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"VM gone not found\"}");
        } else if (path.endsWith("/console-log")) {
            reply(ex, 200, "text/plain", "Linux version 6.1\nbusybox login:\n");
        } else if (ex.getRequestMethod().equals("DELETE")) {
            reply(ex, 409, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"VM vm-1 is RUNNING; power it off first\"}");
        } else if (path.endsWith("/start")) {
            reply(ex, 202, "application/json", "{\"id\":\"j1\",\"action\":\"START\",\"status\":\"PENDING\",\"progress\":0}");
        } else {
            reply(ex, 500, "text/html", "<h1>boom</h1>");
        }
    }

    @Test
    void readsAHostPageAndIgnoresUnknownFields() {
        Page<Host> page = client.listHosts(0, 50);
        assertEquals(1, page.total());
        Host h = page.items().get(0);
        assertEquals("host-1", h.name());
        assertEquals(HostStatus.UP, h.status());
        assertEquals(8192L, h.memoryMiB());
        assertEquals("9000000", h.libvirtVersion());
        assertEquals(2025, h.lastHeartbeat().getYear());
        assertNull(h.qemuVersion());
    }

    @Test
    void fillsAWindowAcrossCappedPagesAndSendsSortAndFilter() {
        List<Vm> vms = client.vmRange(1, 3, new VmQuery("name", false, " web 1 "));
        assertEquals(List.of("vm-1", "vm-2", "vm-3"), vms.stream().map(Vm::name).toList());
        assertEquals(2, requests.size());
        assertTrue(requests.get(0).contains("offset=1&limit=3&sort=name&dir=desc&q=web%201"), requests.get(0));
        assertTrue(requests.get(1).contains("offset=3&limit=1"), requests.get(1));
        assertEquals(VmStatus.UNKNOWN, client.vmRange(4, 10, VmQuery.ALL).get(0).status());
    }

    @Test
    void actionsReturnTheirJob() {
        Job job = client.vmAction("v1", VmAction.START);
        assertEquals(JobStatus.PENDING, job.status());
        assertTrue(requests.contains("POST /api/v1/vms/v1/start"));
    }

    @Test
    void problemDetailIsTheMessage() {
        EngineProblemException e = assertThrows(EngineProblemException.class, () -> client.deleteVm("v1"));
        assertEquals(409, e.status());
        assertEquals("VM vm-1 is RUNNING; power it off first", e.getMessage());
    }

    @Test
    void nonProblemErrorsStillBecomeProblems() {
        EngineProblemException e = assertThrows(EngineProblemException.class,
                () -> client.vmAction("v1", VmAction.REBOOT));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    void placementIsTheSchedulersDryRun() {
        Placement p = client.placement("v1");
        assertTrue(requests.contains("GET /api/v1/vms/v1/placement"), requests.toString());
        assertEquals("web-1", p.vmName());
        assertEquals("h1", p.wouldRunOn());
        assertEquals("would run on h1; not on h2: memory: has 100 MiB free, needs 512", p.explanation());
        assertEquals(List.of("h1", "h3"), p.ranked().stream().map(RankedHost::host).toList());
        RankedHost best = p.ranked().get(0);
        assertEquals(133.3, best.total());
        assertEquals(List.of("even_memory", "even_cpu", "soft_affinity"), List.copyOf(best.scores().keySet()));
        assertEquals(97.5, best.scores().get("even_cpu"));
        // one column per unit any ranked host has, in first-seen order
        assertEquals(List.of("even_memory", "even_cpu", "soft_affinity", "numa"), List.copyOf(p.scoreUnits()));
        assertEquals(List.of(new RejectedHost("h2", "h2", "memory", "has 100 MiB free, needs 512")), p.rejected());
    }

    @Test
    void placementOfAnUnknownVmIsA404Problem() {
        EngineProblemException e = assertThrows(EngineProblemException.class, () -> client.placement("gone"));
        assertEquals(404, e.status());
        assertEquals("VM gone not found", e.getMessage());
    }

    @Test
    void placementWithNobodyToRankHasEmptyLists() throws Exception {
        Placement p = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"vmId\":\"v9\",\"wouldRunOn\":null,\"explanation\":\"no host can run it: the cluster has no hosts\"}",
                Placement.class);
        assertNull(p.wouldRunOn());
        assertTrue(p.ranked().isEmpty() && p.rejected().isEmpty() && p.scoreUnits().isEmpty());
    }

    @Test
    void consoleLogIsPlainText() {
        assertTrue(client.consoleLog("v1").contains("busybox login:"));
    }

    @Test
    void aClosedPortIsUnreachableWithItsUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EngineClient down = new EngineClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1));
        EngineUnreachableException e = assertThrows(EngineUnreachableException.class, () -> down.listHosts(0, 1));
        assertTrue(e.getMessage().startsWith("Engine unreachable at http://127.0.0.1:" + port), e.getMessage());
    }

    private static int param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return Integer.parseInt(kv.substring(name.length() + 1));
            }
        }
        return 0;
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
