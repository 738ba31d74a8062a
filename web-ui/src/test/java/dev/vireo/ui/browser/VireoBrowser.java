package dev.vireo.ui.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driving the Vireo web UI; for this module's browser tests and the
 * system tests (depend on {@code vireo-web-ui} with {@code <type>test-jar</type>}).
 *
 * <p>Uses {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (system properties
 * {@code vireo.chromium} / {@code vireo.chromedriver} override them) and never lets Selenium
 * Manager download anything: run with {@code SE_OFFLINE=true} (the web-ui surefire config sets it).
 */
public class VireoBrowser implements AutoCloseable {

    public static final List<String> CHROMIUM_FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,900");

    private final ChromeDriver driver;
    private final Duration timeout;

    public VireoBrowser() {
        this(Duration.ofSeconds(20));
    }

    public VireoBrowser(Duration timeout) {
        this.timeout = timeout;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("vireo.chromium", "/usr/bin/chromium"));
        options.addArguments(CHROMIUM_FLAGS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("vireo.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** True once the canvas with this id has been drawn on (a chart): any pixel that is not transparent. */
    public boolean canvasDrawn(String id) {
        Object drawn = ((JavascriptExecutor) driver).executeScript("""
                const c = document.getElementById(arguments[0]);
                if (!c || !c.width || !c.height) return false;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }
                return false;""", id);
        return Boolean.TRUE.equals(drawn);
    }

    /** Opens the page and waits until Vaadin has rendered the main view. */
    public VireoBrowser open(String url) {
        driver.get(url);
        waitFor(By.id("main-view"));
        return this;
    }

    /**
     * Opens the page, signs in on Keycloak's login form when it is shown (the UI redirects there while
     * nobody is signed in) and waits until Vaadin has rendered the main view.
     */
    public VireoBrowser login(String url, String user, String password) {
        driver.get(url);
        new WebDriverWait(driver, timeout).until(d -> !d.findElements(By.id("username")).isEmpty()
                || !d.findElements(By.id("main-view")).isEmpty());
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
        }
        waitFor(By.id("main-view"));
        return this;
    }

    /** The name shown as signed in, as the header shows it ("alice" or "admin (administrator)"). */
    public String signedInUser() {
        return waitFor(By.id("signed-in-user")).getText();
    }

    /** The console view's connection state: connecting, connected, disconnected, refused, unavailable. */
    public String consoleState() {
        return waitFor(By.id("console-status")).getAttribute("data-state");
    }

    public String consoleStatusText() {
        return waitFor(By.id("console-status")).getText();
    }

    /** The noVNC canvas inside the console view (present once noVNC has started). */
    public WebElement consoleCanvas() {
        return waitFor(By.cssSelector("#console-screen canvas"));
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public String title() {
        return driver.getTitle();
    }

    /**
     * Goes to a page of the portal through its side navigation, as a person would: {@code dashboard},
     * {@code my-vms}, {@code vms}, {@code hosts}, {@code events}, {@code jobs} or {@code access}.
     */
    public void navigate(String page) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.elementToBeClickable(By.id("nav-" + page))).click();
        waitFor(By.id(switch (page) {
            case "dashboard", "my-vms" -> "main-view";
            default -> page + "-view";
        }));
    }

    /** The hosts grid, on the Hosts page (navigates there when the page shown has none). */
    public WebElement hostsGrid() {
        if (driver.findElements(By.id("hosts-grid")).isEmpty()) {
            navigate("hosts");
        }
        return waitFor(By.id("hosts-grid"));
    }

    /** The VMs grid: on a user's start page, or an administrator's Virtual machines page (navigates there). */
    public WebElement vmsGrid() {
        showVms();
        return waitFor(By.id("vms-grid"));
    }

    private void showVms() {
        if (driver.findElements(By.id("vm-filter")).isEmpty()) {
            navigate("vms");
        }
    }

    /** The "engine unreachable" banner's text, or empty while the engine answers. */
    public String engineBanner() {
        List<WebElement> b = driver.findElements(By.id("engine-banner"));
        return b.isEmpty() || !b.get(0).isDisplayed() ? "" : b.get(0).getText();
    }

    /** Rows the VMs grid has loaded (as the engine's {@code total}, from the grid's size). */
    public long vmsGridSize() {
        Object size = ((JavascriptExecutor) driver).executeScript("return arguments[0].size;", vmsGrid());
        return size == null ? 0 : ((Number) size).longValue();
    }

    /** Narrows the VMs grid to names containing {@code text}. */
    public void filterVms(String text) {
        showVms();
        WebElement input = waitFor(By.cssSelector("#vm-filter input"));
        // not clear(): it fires no input event, so Vaadin would never hear of it
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /** Clicks a row button ({@code start|shutdown|poweroff|delete|boot-output|placement}) of the named VM. */
    public void clickVmAction(String vmName, String action) {
        By button = By.cssSelector("vaadin-button[data-action='" + action + "'][data-vm='" + vmName + "']");
        new WebDriverWait(driver, timeout).until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    /** Confirms the open ConfirmDialog (Power off, Delete). */
    public void confirm() {
        waitFor(By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'], "
                + "vaadin-button[slot='confirm-button']")).click();
    }

    // ---- placement dialog ------------------------------------------------------------------------

    /**
     * The open placement dialog as text, once its grids are rendered: its title, the engine's
     * explanation, then "Can run it" and "Cannot run it" with one tab-separated line per host
     * (header line first). Waits for the dialog to open, e.g. after {@code clickVmAction(vm, "placement")}
     * or a Start that no host can take.
     */
    public String placementDialogText() {
        return placementDialogText(null);
    }

    /** {@link #placementDialogText()}, waiting for the dialog of this VM ({@code null}: any). */
    public String placementDialogText(String vmName) {
        waitForPlacementDialog(vmName);
        StringBuilder out = new StringBuilder();
        out.append(placementDialogTitle()).append('\n').append(placementExplanation()).append('\n');
        for (String id : List.of("placement-ranked", "placement-rejected")) {
            WebElement grid = driver.findElement(By.id(id));
            out.append(id.equals("placement-ranked") ? "Can run it:" : "Cannot run it:").append('\n');
            GridText t = gridText(grid);
            out.append(String.join("\t", t.headers())).append('\n');
            t.rows().forEach(r -> out.append(String.join("\t", r)).append('\n'));
        }
        return out.toString();
    }

    /** Waits until the placement dialog (of {@code vmName}, or any for {@code null}) shows; returns its content. */
    public WebElement waitForPlacementDialog(String vmName) {
        By by = vmName == null ? By.id("placement-content")
                : By.cssSelector("#placement-content[data-vm='" + vmName.replace("'", "\\'") + "']");
        return waitFor(by);
    }

    /** "Placement of demo". */
    public String placementDialogTitle() {
        waitForPlacementDialog(null);
        Object t = ((JavascriptExecutor) driver).executeScript(
                "const d = document.getElementById('placement-dialog'); return d ? d.headerTitle : null;");
        return t == null ? "" : t.toString();
    }

    /** The engine's explanation sentence, e.g. "no host can run it: h1: host_up: is INSTALLING". */
    public String placementExplanation() {
        return waitForPlacementDialog(null).findElement(By.id("placement-explanation")).getText();
    }

    /** The hosts that could run the VM, best first, each as column header → cell text (Host, Total, one per unit). */
    public List<Map<String, String>> placementRanked() {
        waitForPlacementDialog(null);
        return gridText(driver.findElement(By.id("placement-ranked"))).asMaps();
    }

    /** The hosts that could not run the VM, each as Host, Unit, Reason → cell text. */
    public List<Map<String, String>> placementRejected() {
        waitForPlacementDialog(null);
        return gridText(driver.findElement(By.id("placement-rejected"))).asMaps();
    }

    public void closePlacementDialog() {
        waitFor(By.id("placement-close")).click();
        new WebDriverWait(driver, timeout).until(ExpectedConditions.invisibilityOfElementLocated(By.id("placement-content")));
    }

    /** The texts of the error notifications on screen now (the engine's problem details). */
    @SuppressWarnings("unchecked")
    public List<String> errorNotifications() {
        Object texts = ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('vaadin-notification-card')]
                    .filter(c => (c.getAttribute('theme') || '').includes('error'))
                    .map(c => c.innerText.trim()).filter(t => t.length > 0);""");
        return texts == null ? List.of() : (List<String>) texts;
    }

    /** A rendered Vaadin grid: header texts and every row's cell texts, in row order. */
    public record GridText(List<String> headers, List<List<String>> rows) {

        public List<Map<String, String>> asMaps() {
            return rows.stream().map(r -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < r.size(); i++) {
                    m.put(i < headers.size() ? headers.get(i) : "#" + i, r.get(i));
                }
                return m;
            }).toList();
        }
    }

    /** Reads a small, fully rendered vaadin-grid (all rows in the DOM); waits until its rows are filled. */
    @SuppressWarnings("unchecked")
    public GridText gridText(WebElement grid) {
        String js = """
                const grid = arguments[0];
                const text = c => { const s = c.querySelector('slot'); const n = s ? s.assignedElements()[0] : null;
                                    return n ? n.textContent.trim() : ''; };
                const cells = r => [...r.querySelectorAll('th, td')]
                    .filter(c => !c.hidden && !(c.getAttribute('part') || '').includes('details-cell'));
                const headerRows = [...grid.shadowRoot.querySelectorAll('#header tr')].filter(r => !r.hidden);
                const headers = headerRows.length ? cells(headerRows[headerRows.length - 1]).map(text) : [];
                const size = grid.size || 0;
                const rows = [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(r => !r.hidden && r.index < size).sort((a, b) => a.index - b.index);
                if (rows.length < size) return null;
                const body = rows.map(r => cells(r).map(text));
                if (body.some(r => r.every(c => c === ''))) return null;
                return {headers: headers, rows: body};""";
        Map<String, Object> t = new WebDriverWait(driver, timeout)
                .until(d -> (Map<String, Object>) ((JavascriptExecutor) d).executeScript(js, grid));
        return new GridText((List<String>) t.get("headers"), (List<List<String>>) t.get("rows"));
    }

    public void screenshot(Path file) throws IOException {
        Path tmp = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
