package dev.vireo.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens a running web UI in headless Chromium and checks the page is there. Needs a started UI:
 * <pre>
 * java -jar web-ui/target/quarkus-app/quarkus-run.jar &amp;
 * ./mvnw -B -pl web-ui test -Plab -Dtest=VmPageBrowserIT -Dvireo.ui-url=http://127.0.0.1:8081/
 * </pre>
 */
@Tag("lab")
class VmPageBrowserIT {

    @Test
    void hostsAndVmsGridsArePresent() throws Exception {
        String url = System.getProperty("vireo.ui-url");
        assumeTrue(url != null && !url.isBlank(), "set -Dvireo.ui-url=http://127.0.0.1:8081/");
        try (VireoBrowser browser = new VireoBrowser()) {
            browser.open(url);
            assertEquals("Vireo", browser.title());
            assertTrue(browser.hostsGrid().isDisplayed());
            assertTrue(browser.vmsGrid().isDisplayed());
            browser.screenshot(Path.of("target", "VmPageBrowserIT.png"));
        }
    }
}
