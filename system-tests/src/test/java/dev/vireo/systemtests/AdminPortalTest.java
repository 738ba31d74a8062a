package dev.vireo.systemtests;

import dev.vireo.ui.browser.VireoBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin portal in a real Chromium against a real engine, host and Keycloak: an administrator visits
 * every page and sees real data there (the host, a VM, its events and jobs, the dashboard's chart),
 * grants a permission and creates a quota through the Access page's forms; a user sees only My VMs with
 * her quota use and no administration; a VM stopped behind the portal's back shows DOWN without a reload
 * (server push from the engine's change stream; the UI's polls are set to 120 s here, so nothing else
 * could refresh it in time). Screenshots of every page go to system-tests/target/screenshots.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPortalTest {
    private static final Path SCREENSHOTS = Lab.ROOT.resolve("system-tests/target/screenshots");
    private static final String HOST = "adminui-host1";
    private static final String VM = "adminui-vm";
    private static Lab lab;
    private static String uiUrl;
    private static String vmId;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(HOST);
        // no poll that could refresh a page within a test's wait: what changes on screen comes by server push
        uiUrl = lab.startWebUi(List.of("-Dvireo.refresh-interval=120s", "-Dvireo.live-refresh-interval=120s",
                "-Dquarkus.log.category.\"dev.vireo.ui.layout\".level=DEBUG"));
        Files.createDirectories(SCREENSHOTS);
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"" + VM + "\",\"memoryMiB\":128,\"vcpus\":1}");
        assertEquals(201, created.status(), created.body());
        vmId = created.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void anAdministratorSeesRealDataOnEveryPage() throws Exception {
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            assertEquals("admin (administrator)", b.signedInUser());
            assertTrue(b.driver().findElements(By.id("quota-usage")).stream().noneMatch(WebElement::isDisplayed),
                    "no quota line for administrators");

            // VMs: start ours from its row; the engine's job runs it
            b.filterVms(VM);
            b.clickVmAction(VM, "start");
            lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "VM RUNNING");
            until(b, d -> cell(b, "RUNNING") && cell(b, HOST));
            shot(b, "admin-vms.png");

            // dashboard: hosts and VMs by state, the capacity chart drawn, recent events
            b.navigate("dashboard");
            until(b, d -> "1".equals(attr(b, "#dashboard-hosts [data-state='UP']", "data-count"))
                    && "1".equals(attr(b, "#dashboard-vms [data-state='RUNNING']", "data-count")));
            until(b, d -> b.canvasDrawn("chart-memory") && b.canvasDrawn("chart-cpu"));
            until(b, d -> gridSize(b, "recent-events") > 0 && cell(b, "vm.start"));
            shot(b, "admin-dashboard.png");

            // jobs: the start job with its progress bar at 100 %
            b.navigate("jobs");
            until(b, d -> cell(b, "start") && cell(b, VM));
            WebElement bar = b.waitFor(By.cssSelector("#jobs-grid vaadin-progress-bar[data-job]"));
            until(b, d -> "100".equals(String.valueOf(bar.getDomProperty("value"))));
            shot(b, "admin-jobs.png");

            // the VM's page: General, Console, Events, Placement
            b.navigate("vms");
            b.filterVms(VM);
            b.waitFor(By.cssSelector("a[data-vm-link='" + VM + "']")).click();
            until(b, d -> VM.equals(text(b, "#vm-name")) && HOST.equals(text(b, "[data-fact='Host']")));
            assertEquals("admin", text(b, "[data-fact='Owner']"));
            shot(b, "admin-vm-general.png");
            b.waitFor(By.id("vm-tab-console")).click();
            until(b, d -> "connected".equals(b.consoleState()));
            b.consoleCanvas();
            Thread.sleep(1500); // let noVNC paint the guest's screen for the picture
            shot(b, "admin-vm-console.png");
            b.waitFor(By.id("vm-tab-events")).click();
            until(b, d -> gridSize(b, "vm-events") > 0);
            shot(b, "admin-vm-events.png");
            b.waitFor(By.id("vm-tab-placement")).click();
            until(b, d -> !text(b, "#vm-placement-explanation").isBlank());
            shot(b, "admin-vm-placement.png");

            // hosts: the lab host, its facts and the VM on it
            b.navigate("hosts");
            clickCell(b, HOST);
            until(b, d -> "UP".equals(text(b, "#host-facts [data-fact='Status']")));
            until(b, d -> b.driver().findElements(By.xpath("//*[@id='host-vms']//a[normalize-space()='" + VM + "']"))
                    .size() > 0);
            shot(b, "admin-hosts.png");

            // events: the whole log, newest first
            b.navigate("events");
            until(b, d -> gridSize(b, "events-grid") > 0 && cell(b, "vm.start"));
            shot(b, "admin-events.png");

            // access: grant bob USER on the VM through the form, then create a quota for carol
            b.navigate("access");
            choose(b, "grant-object-kind", "VM");
            type(b, "grant-vm", VM);
            b.waitFor(By.xpath("//vaadin-combo-box-item[normalize-space()='" + VM + "']")).click();
            type(b, "grant-principal", "bob");
            b.waitFor(By.id("grant-submit")).click();
            until(b, d -> cell(b, "bob"));
            var perms = lab.api.get("/api/v1/permissions?principal=bob").json();
            assertEquals(1, perms.size(), perms.toString());
            assertEquals(vmId, perms.get(0).path("objectId").asText());
            shot(b, "admin-access-permissions.png");

            b.waitFor(By.id("access-tab-quotas")).click();
            b.waitFor(By.id("quota-new")).click();
            type(b, "quota-name", "carol-quota");
            type(b, "quota-principal", "carol");
            type(b, "quota-max-vms", "3");
            type(b, "quota-max-vcpus", "6");
            type(b, "quota-max-memory", "1024");
            b.waitFor(By.id("quota-save")).click();
            until(b, d -> cell(b, "carol-quota") && cell(b, "USER carol") && cell(b, "0 / 3"));
            var quotas = lab.api.get("/api/v1/quotas").json();
            assertTrue(quotas.findValuesAsText("name").contains("carol-quota"), quotas.toString());
            shot(b, "admin-access-quotas.png");
            assertEquals(List.of(), b.errorNotifications(), "no engine errors on the way");
            assertEquals("", b.engineBanner());
        }
    }

    @Test
    @Order(2)
    void aUserSeesOnlyHerVmsAndHerQuota() throws Exception {
        var quota = lab.api.post("/api/v1/quotas", "{\"name\":\"alice-quota\",\"principalKind\":\"USER\","
                + "\"principal\":\"alice\",\"maxVms\":4,\"maxVcpus\":8,\"maxMemoryMiB\":2048}");
        assertEquals(201, quota.status(), quota.body());
        var mine = lab.apiAs("alice").post("/api/v1/vms", "{\"name\":\"adminui-alice-vm\",\"memoryMiB\":64,\"vcpus\":1}");
        assertEquals(201, mine.status(), mine.body());
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "alice", "alice");
            assertEquals("alice", b.signedInUser());
            until(b, d -> cell(b, "adminui-alice-vm"));
            assertEquals("1/4 VMs · 1/8 vCPUs · 64/2048 MiB", text(b, "#quota-usage"));
            assertFalse(b.driver().getPageSource().contains(VM + "<"), "alice does not see the admin's VM");
            assertTrue(b.driver().findElements(By.id("nav-access")).isEmpty(), "no Access for users");
            assertTrue(b.driver().findElements(By.id("nav-hosts")).isEmpty(), "no Hosts for users");
            assertTrue(b.driver().findElements(By.id("dashboard")).isEmpty(), "no dashboard for users");
            assertEquals(2, b.driver().findElements(By.cssSelector("#side-nav vaadin-side-nav-item")).size(),
                    "My VMs and Jobs");
            assertEquals("", b.engineBanner(), "a user's pages ask the engine nothing they may not");
            shot(b, "user-my-vms.png");
            b.navigate("jobs");
            shot(b, "user-jobs.png");
        }
    }

    @Test
    @Order(3)
    void aChangeMadeElsewhereAppearsWithoutAReload() throws Exception {
        if ("RUNNING".equals(lab.api.get("/api/v1/vms/" + vmId).json().path("status").asText())) {
            assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/poweroff", null).status());
            lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "VM DOWN");
        }
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            b.navigate("vms");
            b.filterVms(VM);
            until(b, d -> "DOWN".equals(vmStatus(b, VM)));
            until(b, d -> "true".equals(attr(b, "#live-updates", "data-live")));

            long t0 = System.nanoTime();
            var start = lab.api.post("/api/v1/vms/" + vmId + "/start", null);
            assertEquals(202, start.status(), start.body());
            lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "VM RUNNING");
            long running = System.nanoTime();
            until(b, d -> "RUNNING".equals(vmStatus(b, VM)));
            System.out.printf("a VM started through the API showed RUNNING in the open grid %d ms after the API said so%n",
                    (System.nanoTime() - running) / 1_000_000);

            var stop = lab.api.post("/api/v1/vms/" + vmId + "/poweroff", null);
            assertEquals(202, stop.status(), stop.body());
            lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), "VM DOWN");
            long down = System.nanoTime();
            until(b, d -> "DOWN".equals(vmStatus(b, VM)));
            System.out.printf("a VM powered off through the API showed DOWN in the open grid %d ms after the API said so"
                    + " (%d ms from the start request to the end)%n", (System.nanoTime() - down) / 1_000_000,
                    (System.nanoTime() - t0) / 1_000_000);
            assertEquals("true", attr(b, "#live-updates", "data-live"), "still listening");
            shot(b, "admin-live-update.png");
        }
    }

    @Test
    @Order(4)
    void vmsTickedInTheGridStartTogether() throws Exception {
        List<String> names = List.of("adminui-bulk-1", "adminui-bulk-2");
        List<String> ids = new java.util.ArrayList<>();
        for (String name : names) {
            var created = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}");
            assertEquals(201, created.status(), created.body());
            ids.add(created.json().path("id").asText());
        }
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            b.navigate("vms");
            b.filterVms("adminui-bulk-");
            until(b, d -> "DOWN".equals(vmStatus(b, names.get(0))) && "DOWN".equals(vmStatus(b, names.get(1)))
                    && b.vmsGridSize() == 2);
            b.waitFor(By.id("start-selected"));
            assertTrue(attr(b, "#start-selected", "disabled") != null, "nothing ticked yet");
            tickAllVmRows(b);
            until(b, d -> text(b, "#start-selected").equals("Start selected (2)"));
            b.waitFor(By.id("start-selected")).click();
            until(b, d -> "RUNNING".equals(vmStatus(b, names.get(0))) && "RUNNING".equals(vmStatus(b, names.get(1))));
            for (String id : ids) {
                assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + id).json().path("status").asText());
            }
            until(b, d -> text(b, "#start-selected").equals("Start selected"));
            shot(b, "admin-start-selected.png");

            // ticked again while they run: each refusal is named, nothing else happens
            tickAllVmRows(b);
            until(b, d -> text(b, "#start-selected").equals("Start selected (2)"));
            b.waitFor(By.id("start-selected")).click();
            until(b, d -> b.errorNotifications().stream().anyMatch(t -> t.startsWith("Starting 0 of 2; not started: ")
                    && t.contains(names.get(0)) && t.contains(names.get(1))));
            for (String id : ids) {
                assertEquals(202, lab.api.post("/api/v1/vms/" + id + "/poweroff", null).status());
            }
        }
    }

    /** Ticks the selection checkbox of every VM row shown (the list is filtered to the VMs meant). */
    private static void tickAllVmRows(VireoBrowser b) {
        List<WebElement> boxes = b.driver().findElements(By.cssSelector("#vms-grid vaadin-grid-cell-content vaadin-checkbox"))
                .stream().filter(WebElement::isDisplayed).toList();
        assertEquals(2, boxes.size(), "one checkbox per shown row");
        boxes.forEach(WebElement::click);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void until(VireoBrowser b, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> c) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(40)).ignoring(RuntimeException.class).until(c);
    }

    private static void shot(VireoBrowser b, String name) throws Exception {
        b.screenshot(SCREENSHOTS.resolve(name));
    }

    private static String text(VireoBrowser b, String css) {
        List<WebElement> e = b.driver().findElements(By.cssSelector(css));
        return e.isEmpty() ? "" : e.get(0).getText().strip();
    }

    private static String attr(VireoBrowser b, String css, String name) {
        List<WebElement> e = b.driver().findElements(By.cssSelector(css));
        return e.isEmpty() ? null : e.get(0).getDomAttribute(name);
    }

    /** A grid cell (or a cell's part) with this text is rendered somewhere on the page. */
    /** The status shown in the VM grid's row of the named VM, or "" while no such row is rendered. */
    private static String vmStatus(VireoBrowser b, String vm) {
        return b.driver().findElements(By.cssSelector("span[data-vm-status='" + vm + "']")).stream()
                .map(e -> e.getText().strip()).findFirst().orElse("");
    }

    private static boolean cell(VireoBrowser b, String text) {
        return !b.driver().findElements(By.xpath("//vaadin-grid-cell-content[contains(normalize-space(), '"
                + text + "')]")).isEmpty();
    }

    private static void clickCell(VireoBrowser b, String text) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(40)).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-grid-cell-content[normalize-space()='" + text + "']"))).click();
    }

    private static long gridSize(VireoBrowser b, String gridId) {
        Object n = b.driver().executeScript("const g = document.getElementById(arguments[0]); return g ? g.size : 0;", gridId);
        return n == null ? 0 : ((Number) n).longValue();
    }

    private static void type(VireoBrowser b, String fieldId, String text) {
        WebElement input = b.waitFor(By.cssSelector("#" + fieldId + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private static void choose(VireoBrowser b, String selectId, String option) {
        b.waitFor(By.id(selectId)).click();
        b.waitFor(By.xpath("//vaadin-select-item[normalize-space()='" + option + "']")).click();
    }
}
