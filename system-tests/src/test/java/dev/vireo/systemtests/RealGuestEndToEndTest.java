package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton, for real: engine process + embedded PostgreSQL, a real libvirtd in a lab host,
 * the host agent, and a real QEMU (TCG) guest booting the guest kit. One VM goes through its life in order;
 * the engine is restarted while it runs.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGuestEndToEndTest {
    private static Lab lab;
    private static String vmId;
    private static String hostId;
    private static String uiUrl;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.start("e2e-host1");
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void theHostEnrolledWithItsFacts() {
        JsonNode host = lab.api.get("/api/v1/hosts").json().path("items").get(0);
        hostId = host.path("id").asText();
        assertEquals("e2e-host1", host.path("name").asText());
        assertEquals("UP", host.path("status").asText());
        assertEquals("qemu", host.path("domainType").asText(), "lab hosts run TCG guests");
        assertTrue(host.path("memoryMiB").asLong() > 0, host.toString());
        assertTrue(host.path("cpuCount").asInt() > 0, host.toString());
        assertFalse(host.path("libvirtVersion").asText().isBlank(), host.toString());
        assertFalse(host.path("qemuVersion").asText().isBlank(), host.toString());
        assertTrue(host.path("connected").asBoolean());
    }

    @Test
    @Order(2)
    void createStartAndSeeItRunWithItsBootLine() throws Exception {
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"e2e-guest\",\"memoryMiB\":128,\"vcpus\":1}");
        assertEquals(201, created.status(), created.body());
        vmId = created.json().path("id").asText();

        var started = lab.api.post("/api/v1/vms/" + vmId + "/start", null);
        assertEquals(202, started.status(), started.body());
        String jobId = started.json().path("id").asText();

        JsonNode vm = lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "VM RUNNING");
        assertEquals(hostId, vm.path("hostId").asText());
        assertEquals("e2e-host1", vm.path("hostName").asText());
        JsonNode job = lab.api.await("/api/v1/jobs/" + jobId, j -> "SUCCEEDED".equals(j.path("status").asText()),
                Duration.ofSeconds(30), "start job SUCCEEDED");
        assertEquals(100, job.path("progress").asInt());

        // libvirt on the host agrees: the domain runs, it is TCG, and the user's name is only its title
        String domain = "vireo-" + vmId;
        assertEquals("running", lab.virsh("domstate", domain).trim());
        String xml = lab.virsh("dumpxml", domain);
        assertTrue(xml.contains("type='qemu'") || xml.contains("type=\"qemu\""), xml);
        assertTrue(xml.contains("<title>e2e-guest</title>"), xml);

        JsonNode withLog = awaitConsole("GUEST-BOOTED");
        assertNotNull(withLog);
    }

    @Test
    @Order(3)
    void theWebUiShowsTheHostAndTheRunningVm() throws Exception {
        uiUrl = lab.startWebUi();
        try (var browser = new dev.vireo.ui.browser.VireoBrowser(Duration.ofSeconds(30))) {
            browser.login(uiUrl, "admin", "admin");
            browser.hostsGrid();
            browser.filterVms("e2e-guest");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
                String page = d.getPageSource();
                return page.contains("e2e-host1") && page.contains("e2e-guest") && page.contains("RUNNING");
            });
            assertEquals("", browser.engineBanner(), "the UI reaches the engine");
            browser.screenshot(Lab.ROOT.resolve("system-tests/target/screenshots/web-ui-running-vm.png"));
        }
    }

    @Test
    @Order(4)
    void theVmSurvivesAnEngineRestart() throws Exception {
        long eventsBefore = lab.api.get("/api/v1/events?limit=1").json().path("total").asLong();
        lab.stopEngine();
        assertEquals("running", lab.virsh("domstate", "vireo-" + vmId).trim(), "the guest does not depend on the engine");
        lab.startEngine();

        JsonNode vm = lab.api.get("/api/v1/vms/" + vmId).json();
        assertEquals("RUNNING", vm.path("status").asText(), "state is in the database: " + vm);
        assertEquals(hostId, vm.path("hostId").asText());
        assertTrue(lab.api.get("/api/v1/events?limit=1").json().path("total").asLong() >= eventsBefore,
                "the audit log survived");
        // the agent reconnects by itself, and the host is UP again with the VM still RUNNING on it
        lab.api.await("/api/v1/hosts/" + hostId, j -> j.path("connected").asBoolean()
                && "UP".equals(j.path("status").asText()), Duration.ofSeconds(60), "agent reconnected");
        Api.sleep(2000);
        vm = lab.api.get("/api/v1/vms/" + vmId).json();
        assertEquals("RUNNING", vm.path("status").asText(), vm.toString());
        awaitConsole("tick");
    }

    @Test
    @Order(5)
    void aDomainVireoDoesNotKnowIsReportedNotAdopted() throws Exception {
        java.nio.file.Path xml = lab.work.resolve("stranger.xml");
        java.nio.file.Files.writeString(xml, "<domain type='qemu'><name>stranger</name><memory unit='MiB'>64</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type>"
                + "<kernel>" + Lab.IMAGES.resolve("kit/vmlinuz") + "</kernel>"
                + "<initrd>" + Lab.IMAGES.resolve("kit/initrd.gz") + "</initrd><cmdline>console=ttyS0</cmdline></os>"
                + "<devices><serial type='pty'/></devices></domain>");
        lab.virsh("create", xml.toString());
        try {
            lab.api.await("/api/v1/events?objectId=" + hostId, j -> j.path("items").findValuesAsText("action").contains("domain.unknown"),
                    Duration.ofSeconds(45), "an event about the unknown domain");
            JsonNode vms = lab.api.get("/api/v1/vms").json();
            assertEquals(1, vms.path("total").asInt(), "not adopted: " + vms);
        } finally {
            lab.virsh("destroy", "stranger");
        }
    }

    @Test
    @Order(6)
    void aSilentAgentMakesTheHostNonResponsiveAndItsVmUnknownUntilItIsBack() throws Exception {
        lab.killAgent();
        lab.api.await("/api/v1/hosts/" + hostId, j -> "NON_RESPONSIVE".equals(j.path("status").asText()),
                Duration.ofSeconds(40), "host NON_RESPONSIVE");
        assertEquals("UNKNOWN", lab.api.get("/api/v1/vms/" + vmId).json().path("status").asText());
        assertEquals(409, lab.api.post("/api/v1/vms/" + vmId + "/pause", null).status(), "no actions on an UNKNOWN VM");
        lab.startAgent();
        lab.api.await("/api/v1/hosts/" + hostId, j -> "UP".equals(j.path("status").asText()), Duration.ofSeconds(60), "host UP again");
        lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60),
                "VM RUNNING again from the agent's report");
    }

    @Test
    @Order(7)
    void pauseResumeAndMaintenanceIsRefusedWhileAVmRuns() {
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/pause", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "PAUSED".equals(j.path("status").asText()), Duration.ofSeconds(30), "PAUSED");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/resume", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(30), "RUNNING");
        var refused = lab.api.post("/api/v1/hosts/" + hostId + "/maintenance", null);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().path("detail").asText().contains("cannot go into maintenance: VM e2e-guest has nowhere to go"),
                refused.body());
        assertEquals("UP", lab.api.get("/api/v1/hosts/" + hostId).json().path("status").asText(), "nothing changed");
    }

    @Test
    @Order(8)
    void shutDownAndDelete() throws Exception {
        var stop = lab.api.post("/api/v1/vms/" + vmId + "/shutdown?timeout=10", null);
        assertEquals(202, stop.status(), stop.body());
        String jobId = stop.json().path("id").asText();
        lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "VM DOWN");
        JsonNode job = lab.api.await("/api/v1/jobs/" + jobId, j -> "SUCCEEDED".equals(j.path("status").asText()),
                Duration.ofSeconds(30), "shutdown job SUCCEEDED");
        assertEquals(100, job.path("progress").asInt());
        assertFalse(lab.virsh("list", "--name").contains("vireo-" + vmId), "no running domain left");

        assertEquals(204, lab.api.delete("/api/v1/vms/" + vmId).status());
        assertEquals(404, lab.api.get("/api/v1/vms/" + vmId).status());
        assertFalse(lab.virsh("list", "--all", "--name").contains("vireo-" + vmId), "definition removed on the host");
        var maintenance = lab.api.post("/api/v1/hosts/" + hostId + "/maintenance", null);
        assertEquals(200, maintenance.status(), maintenance.body());
        assertEquals("MAINTENANCE", maintenance.json().path("status").asText());
        String other = lab.api.post("/api/v1/vms", "{\"name\":\"e2e-other\",\"memoryMiB\":64,\"vcpus\":1}").json().path("id").asText();
        var noHost = lab.api.post("/api/v1/vms/" + other + "/start", null);
        assertEquals(409, noHost.status(), noHost.body());
        assertTrue(noHost.json().path("detail").asText().contains("e2e-host1: host_up: is MAINTENANCE"), noHost.body());
        try (var browser = new dev.vireo.ui.browser.VireoBrowser(Duration.ofSeconds(30))) {
            // in the browser, the refused start opens the scheduler's explanation
            browser.login(uiUrl, "admin", "admin");
            browser.filterVms("e2e-other");
            browser.clickVmAction("e2e-other", "start");
            String explanation = browser.placementDialogText("e2e-other");
            assertTrue(explanation.contains("e2e-host1") && explanation.contains("host_up") && explanation.contains("is MAINTENANCE"),
                    explanation);
            browser.screenshot(Lab.ROOT.resolve("system-tests/target/screenshots/web-ui-placement-refused.png"));
        }
        assertEquals("UP", lab.api.post("/api/v1/hosts/" + hostId + "/activate", null).json().path("status").asText());
        assertEquals(204, lab.api.delete("/api/v1/vms/" + other).status());

        JsonNode events = lab.api.get("/api/v1/events?objectId=" + vmId + "&limit=100").json();
        var actions = events.path("items").findValuesAsText("action");
        assertTrue(actions.containsAll(java.util.List.of("vm.create", "vm.start", "vm.started", "vm.shutdown", "vm.delete")),
                actions.toString());
    }

    private JsonNode awaitConsole(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var log = lab.api.get("/api/v1/vms/" + vmId + "/console-log");
            last = log.status() + " " + log.body();
            if (log.status() == 200 && log.body().contains(text)) {
                return Api.JSON.createObjectNode().put("log", log.body());
            }
            Api.sleep(250);
        }
        throw new AssertionError("console never showed '" + text + "'; last: " + last);
    }
}
