package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.ui.browser.VireoBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser product end to end, with a real Keycloak, a real guest and a real Chromium: an
 * administrator logs in through Keycloak's form, starts a VM and sees its screen in the noVNC console;
 * a user sees only their own VMs; console tickets are single use and expire.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalConsoleTest {
    private static final Path SCREENSHOTS = Lab.ROOT.resolve("system-tests/target/screenshots");
    /** short, so the expiry check below need not wait two minutes; the UI fetches a fresh one per connect */
    private static final int TICKET_SECONDS = 8;
    private static Lab lab;
    private static String uiUrl;
    private static String adminVm;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("portal-host1", List.of("-Dvireo.console.ticket-lifetime=" + TICKET_SECONDS + "s"));
        uiUrl = lab.startWebUi();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void anAdministratorLogsInStartsAVmAndSeesItsScreen() throws Exception {
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"portal-admin-vm\",\"memoryMiB\":128,\"vcpus\":1}");
        assertEquals(201, created.status(), created.body());
        adminVm = created.json().path("id").asText();
        try (var browser = new VireoBrowser(Duration.ofSeconds(40))) {
            browser.login(uiUrl, "admin", "admin");
            assertEquals("admin (administrator)", browser.signedInUser());
            browser.hostsGrid();
            browser.filterVms("portal-admin-vm");
            browser.clickVmAction("portal-admin-vm", "start");
            lab.api.await("/api/v1/vms/" + adminVm, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "VM RUNNING");
            // the guest writes "GUEST-BOOTED on tty0" on its screen about 2 s after it starts
            awaitSerial(adminVm, "GUEST-BOOTED");

            browser.clickVmAction("portal-admin-vm", "console");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(40))
                    .until(d -> "connected".equals(browser.consoleState()));
            // the canvas shows the guest's text console: more than a couple of colours once drawn
            int[] colours = {0};
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
                colours[0] = distinctColours(browser.consoleCanvas().getScreenshotAs(OutputType.BYTES));
                return colours[0] > 2;
            });
            browser.screenshot(SCREENSHOTS.resolve("console-admin-vm.png"));
            Files.write(SCREENSHOTS.resolve("console-admin-vm-canvas.png"),
                    browser.consoleCanvas().getScreenshotAs(OutputType.BYTES));
            assertTrue(colours[0] > 2, "the console shows the guest's screen, " + colours[0] + " colours");

            browser.waitFor(org.openqa.selenium.By.id("console-ctrl-alt-del")).click();
            assertEquals("connected", browser.consoleState(), "Ctrl+Alt+Del keeps the console up");

            // the console closes when the VM goes down, and says why it cannot reconnect
            var off = lab.api.post("/api/v1/vms/" + adminVm + "/poweroff", null);
            assertEquals(202, off.status(), off.body());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(40))
                    .until(d -> "unavailable".equals(browser.consoleState()));
            assertFalse(browser.consoleStatusText().isBlank(), "the console says why it is closed");
        }
    }

    @Test
    @Order(2)
    void aUserSeesOnlyTheirOwnVmsAndNoHosts() throws Exception {
        var mine = lab.apiAs("alice").post("/api/v1/vms", "{\"name\":\"portal-alice-vm\",\"memoryMiB\":64,\"vcpus\":1}");
        assertEquals(201, mine.status(), mine.body());
        try (var browser = new VireoBrowser(Duration.ofSeconds(40))) {
            browser.login(uiUrl, "alice", "alice");
            assertEquals("alice", browser.signedInUser());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.getPageSource().contains("portal-alice-vm"));
            assertFalse(browser.driver().getPageSource().contains("portal-admin-vm"), "alice does not see the admin's VM");
            assertTrue(browser.driver().findElements(org.openqa.selenium.By.id("hosts-grid")).isEmpty(),
                    "users see no hosts");
            browser.screenshot(SCREENSHOTS.resolve("user-portal-alice.png"));
        }
        // and the API refuses her the admin's VM and its console
        assertEquals(404, lab.apiAs("alice").get("/api/v1/vms/" + adminVm).status());
        assertEquals(404, lab.apiAs("alice").post("/api/v1/vms/" + adminVm + "/console", null).status());
    }

    @Test
    @Order(3)
    void consoleTicketsAreSingleUseAndExpire() throws Exception {
        var started = lab.api.post("/api/v1/vms/" + adminVm + "/start", null);
        assertEquals(202, started.status(), started.body());
        lab.api.await("/api/v1/vms/" + adminVm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "VM RUNNING again");
        assertEquals(409, lab.api.post("/api/v1/vms/" + lab.api.post("/api/v1/vms",
                "{\"name\":\"portal-down-vm\",\"memoryMiB\":64,\"vcpus\":1}").json().path("id").asText() + "/console", null).status(),
                "a VM that does not run has no console");

        JsonNode ticket = issue();
        // first use: the websocket opens and the display greets with its RFB version
        Received first = connect(ticket.path("path").asText());
        assertTrue(first.text.startsWith("RFB 003.00"), "the VNC display answered: " + first.text);
        // second use of the same ticket: refused before the upgrade
        assertEquals(403, refusal(ticket.path("path").asText()));
        // an unused ticket after its lifetime: refused
        JsonNode late = issue();
        Thread.sleep((TICKET_SECONDS + 1) * 1000L);
        assertEquals(403, refusal(late.path("path").asText()));
        assertEquals(403, refusal("/api/v1/consoles/made-up"));
        // the password set with the ticket is one-time too: 8 characters, never the same twice
        assertEquals(8, ticket.path("password").asText().length());
        assertFalse(ticket.path("password").asText().equals(late.path("password").asText()));
    }

    private static JsonNode issue() {
        var answer = lab.api.post("/api/v1/vms/" + adminVm + "/console", null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private record Received(String text) {
    }

    private static Received connect(String path) throws Exception {
        CompletableFuture<String> greeting = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + lab.enginePort + path), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        greeting.complete(StandardCharsets.US_ASCII.decode(data).toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            return new Received(greeting.get(10, TimeUnit.SECONDS));
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    /** The HTTP status that refused the websocket upgrade. */
    private static int refusal(String path) throws Exception {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + lab.enginePort + path), new WebSocket.Listener() { })
                    .join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static void awaitSerial(String vmId, String text) {
        lab.api.await("/api/v1/vms/" + vmId, j -> {
            var log = lab.api.get("/api/v1/vms/" + vmId + "/console-log");
            return log.status() == 200 && log.body().contains(text);
        }, Duration.ofSeconds(60), "serial console shows " + text);
    }

    private static int distinctColours(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    colours.add(image.getRGB(x, y));
                }
            }
            return colours.size();
        } catch (Exception e) {
            return 0;
        }
    }
}
