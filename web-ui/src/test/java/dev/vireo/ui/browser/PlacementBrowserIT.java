package dev.vireo.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Start on a VM that no host can take: the engine's 409 shows as a notification and the placement
 * dialog opens with the per-host explanation; the row's Placement button opens it too. Needs a
 * running UI whose engine has a DOWN VM that no host can run (e.g. the only host is not UP):
 * <pre>
 * ./mvnw -B -pl web-ui test -Plab -Dtest=PlacementBrowserIT -Dvireo.ui-url=http://127.0.0.1:8081/ \
 *     -Dvireo.unplaceable-vm=demo
 * </pre>
 */
@Tag("lab")
class PlacementBrowserIT {

    @Test
    void aRefusedStartExplainsItself() throws Exception {
        String url = System.getProperty("vireo.ui-url");
        String vm = System.getProperty("vireo.unplaceable-vm");
        assumeTrue(url != null && !url.isBlank() && vm != null && !vm.isBlank(),
                "set -Dvireo.ui-url=http://127.0.0.1:8081/ -Dvireo.unplaceable-vm=NAME");
        try (VireoBrowser browser = new VireoBrowser()) {
            browser.open(url);
            browser.filterVms(vm);
            browser.clickVmAction(vm, "start");

            String text = browser.placementDialogText(vm);
            assertEquals("Placement of " + vm, browser.placementDialogTitle(), text);
            assertTrue(browser.placementExplanation().startsWith("no host can run it: "), text);
            List<Map<String, String>> rejected = browser.placementRejected();
            assertFalse(rejected.isEmpty(), text);
            assertEquals(List.of("Host", "Unit", "Reason"), List.copyOf(rejected.get(0).keySet()), text);
            assertTrue(browser.placementRanked().isEmpty(), text);
            List<String> errors = new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                    .until(d -> browser.errorNotifications().isEmpty() ? null : browser.errorNotifications());
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("no host in cluster") && e.contains(vm)),
                    errors.toString());
            browser.screenshot(Path.of("target", "PlacementBrowserIT-start.png"));

            browser.closePlacementDialog();
            browser.clickVmAction(vm, "placement");
            assertEquals(text, browser.placementDialogText(vm));
            browser.screenshot(Path.of("target", "PlacementBrowserIT-button.png"));
        }
    }
}
