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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin portal's Clusters page and Migrate dialog in a real Chromium, against a real engine, two lab hosts
 * (each a libvirtd in its own network namespace) and Keycloak: an administrator sets the scheduling policy
 * and a weight factor through the form and the API shows them; a negative factor is refused with the engine's
 * reason on screen and the API unchanged; an affinity group is created and deleted (confirmed) through the
 * page; a running VM is live-migrated to the host named in the dialog, and a DOWN VM's migration is refused
 * with the engine's reason. Screenshots go to system-tests/target/screenshots.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAdminPortalTest {
    private static final Path SCREENSHOTS = Lab.ROOT.resolve("system-tests/target/screenshots");
    private static final String VM = "clu-vm1";
    private static final String OTHER_VM = "clu-vm2";
    private static Lab lab;
    private static String uiUrl;
    private static String clusterId;
    private static String vmId;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.startNetnsHosts("clu-a", "10.78.0.71", "clu-b", "10.78.0.72");
        uiUrl = lab.startWebUi();
        Files.createDirectories(SCREENSHOTS);
        clusterId = lab.api.get("/api/v1/clusters").json().path("items").get(0).path("id").asText();
        for (String name : List.of(VM, OTHER_VM)) {
            var created = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}");
            assertEquals(201, created.status(), created.body());
            if (name.equals(VM)) {
                vmId = created.json().path("id").asText();
            }
        }
        // the guest boots while the browser works on the cluster's policies
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/start", null).status());
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void theSchedulingPolicyIsSetThroughTheFormAndARefusalKeepsTheEnginesWord() throws Exception {
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            b.navigate("clusters");
            until(b, d -> "evenly_distributed".equals(selectValue(b, "scheduling-policy")));

            choose(b, "scheduling-policy", "power_saving");
            type(b, "weight-power_saving", "7.5");
            click(b, "scheduling-save");
            JsonNode saved = lab.api.await("/api/v1/clusters/" + clusterId + "/scheduling",
                    j -> "POWER_SAVING".equals(j.path("policy").asText()), Duration.ofSeconds(20), "policy saved");
            assertEquals(7.5, saved.path("weightFactors").path("power_saving").asDouble(), saved.toString());
            assertEquals(List.of(), b.errorNotifications());
            shot(b, "cluster-scheduling.png");

            // a negative factor: the engine's reason on screen, the form as typed, the policy as it was
            type(b, "weight-even_cpu", "-1");
            click(b, "scheduling-save");
            until(b, d -> b.errorNotifications().stream()
                    .anyMatch(t -> t.contains("weight factor of even_cpu must be between 0 and 100")));
            shot(b, "cluster-scheduling-refused.png");
            assertEquals("-1", String.valueOf(b.waitFor(By.id("weight-even_cpu")).getDomProperty("value")),
                    "the form keeps what was typed");
            assertEquals(saved, lab.api.get("/api/v1/clusters/" + clusterId + "/scheduling").json(), "unchanged");
        }
    }

    @Test
    @Order(2)
    void anAffinityGroupIsCreatedAndDeletedThroughThePage() throws Exception {
        String groups = "/api/v1/clusters/" + clusterId + "/affinitygroups";
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            b.navigate("clusters");
            b.waitFor(By.id("cluster-tab-affinity")).click();
            b.waitFor(By.id("affinity-new")).click();
            type(b, "affinity-name", "clu-apart");
            choose(b, "affinity-vm-polarity", "apart");
            b.waitFor(By.id("affinity-hard")).click();   // soft: it only weighs
            for (String vm : List.of(VM, OTHER_VM)) {
                type(b, "affinity-vms", vm);
                b.waitFor(By.xpath("//vaadin-multi-select-combo-box-item[normalize-space()='" + vm + "']")).click();
            }
            b.waitFor(By.cssSelector("#affinity-vms input")).sendKeys(Keys.ESCAPE);   // closes the VM list, not the dialog
            click(b, "affinity-save");
            until(b, d -> cell(b, "clu-apart") && cell(b, "soft") && cell(b, "apart: " + VM + ", " + OTHER_VM));
            JsonNode created = lab.api.get(groups).json();
            assertEquals(1, created.size(), created.toString());
            assertEquals("NEGATIVE", created.get(0).path("vmPolarity").asText());
            assertEquals(false, created.get(0).path("hard").asBoolean());
            assertEquals(2, created.get(0).path("vmIds").size());
            shot(b, "cluster-affinity.png");

            b.waitFor(By.cssSelector("vaadin-button[data-delete-group='clu-apart']")).click();
            b.confirm();
            // a grid keeps the cells of rows it no longer shows: its size says what it holds
            until(b, d -> gridSize(b, "affinity-groups-grid") == 0);
            assertEquals(0, lab.api.get(groups).json().size());
            assertEquals(List.of(), b.errorNotifications());
        }
    }

    @Test
    @Order(3)
    void aRunningVmMigratesToTheHostNamedInTheDialog() throws Exception {
        JsonNode running = lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "VM RUNNING");
        String from = running.path("hostName").asText();
        String to = from.equals("clu-a") ? "clu-b" : "clu-a";
        try (var b = new VireoBrowser(Duration.ofSeconds(40))) {
            b.login(uiUrl, "admin", "admin");
            b.filterVms("clu-vm");

            // a DOWN VM: the engine refuses, and says why
            b.clickVmAction(OTHER_VM, "migrate");
            click(b, "migrate-submit");
            until(b, d -> b.errorNotifications().stream().anyMatch(t -> t.contains("VM " + OTHER_VM
                    + " is DOWN; it can be migrated only when [RUNNING]")));
            b.waitFor(By.id("migrate-cancel")).click();

            b.clickVmAction(VM, "migrate");
            until(b, d -> text(b, "#migrate-from").equals("Now on " + from + "."));
            b.waitFor(By.xpath("//*[@id='migrate-target']//vaadin-radio-button[contains(., 'Migrate to this host')]"))
                    .click();
            choose(b, "migrate-host", to);
            shot(b, "vm-migrate-dialog.png");
            long t0 = System.nanoTime();
            click(b, "migrate-submit");
            lab.api.await("/api/v1/vms/" + vmId, j -> "RUNNING".equals(j.path("status").asText())
                    && to.equals(j.path("hostName").asText()), Duration.ofSeconds(90), "VM on " + to);
            System.out.printf("migrated %s from %s to %s through the dialog in %d ms%n", VM, from, to,
                    (System.nanoTime() - t0) / 1_000_000);
            until(b, d -> cell(b, to));   // the grid shows the new host (server push)

            b.navigate("jobs");
            until(b, d -> cell(b, "migrate") && cell(b, VM));
            shot(b, "vm-migrate-job.png");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void until(VireoBrowser b, Function<org.openqa.selenium.WebDriver, Boolean> c) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(40)).ignoring(RuntimeException.class).until(c);
    }

    private static void shot(VireoBrowser b, String name) throws Exception {
        b.screenshot(SCREENSHOTS.resolve(name));
    }

    private static String text(VireoBrowser b, String css) {
        List<WebElement> e = b.driver().findElements(By.cssSelector(css));
        return e.isEmpty() ? "" : e.get(0).getText().strip();
    }

    /** The label a vaadin-select shows for its value. */
    private static String selectValue(VireoBrowser b, String id) {
        return text(b, "#" + id + " vaadin-select-value-button");
    }

    private static long gridSize(VireoBrowser b, String gridId) {
        Object n = b.driver().executeScript("const g = document.getElementById(arguments[0]); return g ? g.size : -1;", gridId);
        return n == null ? -1 : ((Number) n).longValue();
    }

    private static boolean cell(VireoBrowser b, String text) {
        return !b.driver().findElements(By.xpath("//vaadin-grid-cell-content[contains(normalize-space(), '"
                + text + "')]")).isEmpty();
    }

    /** Types into a field and leaves it (Tab), so its value reaches the server before the next click. */
    private static void type(VireoBrowser b, String fieldId, String text) {
        WebElement input = b.waitFor(By.cssSelector("#" + fieldId + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        if (!fieldId.equals("affinity-vms")) {
            input.sendKeys(Keys.TAB);
        }
    }

    /** Clicks a button by id, scrolled to the middle of the window first (a long form's Save may sit at its edge). */
    private static void click(VireoBrowser b, String id) {
        WebElement e = b.waitFor(By.id(id));
        b.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(e)).click();
    }

    private static void choose(VireoBrowser b, String selectId, String option) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(40))
                .until(ExpectedConditions.elementToBeClickable(By.id(selectId))).click();
        // role=option: the item in the open list, not the copy of the current value
        b.waitFor(By.xpath("//vaadin-select-item[@role='option' and normalize-space()='" + option + "']")).click();
    }
}
