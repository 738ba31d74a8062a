package dev.vireo.ui.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StorageClient and NetworkClient against a JDK HttpServer speaking the engine's contract. */
class StorageClientTest {

    private HttpServer server;
    private StorageClient storage;
    private NetworkClient network;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] chunk;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
        EngineClient engine = new EngineClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), () -> "tok");
        storage = new StorageClient(engine);
        network = new NetworkClient(engine);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String line = ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization");
        byte[] body = ex.getRequestBody().readAllBytes();
        requests.add(line + (body.length > 0 && ex.getRequestURI().getPath().endsWith("networksetup") ? " " + new String(body) : ""));
        String path = ex.getRequestURI().getPath();
        if (path.equals("/api/v1/disks")) {
            reply(ex, 200, """
                    {"items":[{"id":"d1","name":"free","sizeBytes":1048576,"templateBase":false},
                              {"id":"d2","name":"used","vmId":"v1","target":"vda","sizeBytes":1,"templateBase":false},
                              {"id":"d3","name":"base","sizeBytes":1,"templateBase":true}],"total":3,"offset":0,"limit":100}""");
        } else if (path.equals("/api/v1/images/uploads") && ex.getRequestMethod().equals("GET")) {
            requests.add("query " + ex.getRequestURI().getQuery());
            reply(ex, 200, """
                    {"items":[{"id":"u2","name":"half","format":"qcow2","sizeBytes":8,"receivedBytes":4,"percent":50,
                               "status":"UPLOADING","createdAt":"2026-01-02T03:04:05Z","createdBy":"admin"}],
                     "total":1,"offset":0,"limit":1000}""");
        } else if (path.equals("/api/v1/images/uploads/u2") && ex.getRequestMethod().equals("DELETE")) {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        } else if (path.equals("/api/v1/images/uploads/u1") && ex.getRequestMethod().equals("PUT")) {
            chunk = body;
            requests.add("range " + ex.getRequestHeaders().getFirst("Content-Range") + " type "
                    + ex.getRequestHeaders().getFirst("Content-Type"));
            reply(ex, 200, "{\"id\":\"u1\",\"receivedBytes\":" + body.length + ",\"sizeBytes\":8,\"percent\":50,"
                    + "\"createdAt\":\"2026-01-02T03:04:05Z\"}");
        } else if (path.equals("/api/v1/images/uploads/u1/complete")) {
            ex.getResponseHeaders().add("Content-Type", "application/problem+json");
            byte[] b = "{\"status\":422,\"title\":\"x\",\"detail\":\"the image's SHA-256 is ab, not cd; upload it again\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(422, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        } else if (path.equals("/api/v1/hosts/h1/networksetup") && ex.getRequestMethod().equals("POST")) {
            reply(ex, 202, "{\"id\":\"j9\",\"action\":\"network-setup\",\"status\":\"RUNNING\",\"progress\":10}");
        } else {
            reply(ex, 404, "{}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Test
    void onlyFreeDisksAreOffered() {
        assertEquals(List.of("free"), storage.freeDisks().stream().map(Disk::name).toList());
    }

    @Test
    void aChunkIsStreamedWithItsRangeAndTheCallersToken() {
        byte[] data = {1, 2, 3, 4};
        ImageUpload u = storage.putChunk("u1", "bytes 0-3/8", new ByteArrayInputStream(data), data.length);
        assertEquals(4, u.receivedBytes());
        assertArrayEquals(data, chunk);
        assertEquals(List.of("PUT /api/v1/images/uploads/u1 Bearer tok", "range bytes 0-3/8 type application/octet-stream"),
                requests);
    }

    @Test
    void unfinishedUploadsAreAskedForByStatusAndDiscardedByDelete() {
        List<ImageUpload> unfinished = storage.unfinishedUploads();
        assertEquals(List.of("half"), unfinished.stream().map(ImageUpload::name).toList());
        assertEquals(4, unfinished.get(0).receivedBytes());
        storage.discardUpload("u2");
        assertEquals(List.of("GET /api/v1/images/uploads?status=UPLOADING&offset=0&limit=1000 Bearer tok",
                "query status=UPLOADING&offset=0&limit=1000", "DELETE /api/v1/images/uploads/u2 Bearer tok"), requests);
    }

    @Test
    void aRefusedCompletionCarriesTheEnginesWords() {
        EngineProblemException e = assertThrows(EngineProblemException.class, () -> storage.complete("u1"));
        assertEquals(422, e.status());
        assertEquals("the image's SHA-256 is ab, not cd; upload it again", e.problem().message());
    }

    @Test
    void aNetworkSetupIsSentWholeAndAnsweredWithItsJob() {
        Job job = network.apply("h1", new NetworkSetup.Request(
                List.of(new NetworkSetup.Bond("bond0", List.of("eth1", "eth2"), "802.3ad", "fast", 100)),
                List.of(new NetworkSetup.Attachment("n1", "bond0", null, null))));
        assertEquals("j9", job.id());
        assertEquals("POST /api/v1/hosts/h1/networksetup Bearer tok {\"bonds\":[{\"name\":\"bond0\",\"members\":[\"eth1\",\"eth2\"],"
                + "\"mode\":\"802.3ad\",\"lacpRate\":\"fast\",\"miimonMs\":100}],\"networks\":[{\"networkId\":\"n1\",\"on\":\"bond0\","
                + "\"vlanId\":null,\"mtu\":null}]}", requests.get(0));
    }
}
