package dev.vireo.ui.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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

    /** Opens the page and waits until Vaadin has rendered the main view. */
    public VireoBrowser open(String url) {
        driver.get(url);
        waitFor(By.id("main-view"));
        return this;
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public String title() {
        return driver.getTitle();
    }

    public WebElement hostsGrid() {
        return waitFor(By.id("hosts-grid"));
    }

    public WebElement vmsGrid() {
        return waitFor(By.id("vms-grid"));
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
        WebElement input = waitFor(By.cssSelector("#vm-filter input"));
        // not clear(): it fires no input event, so Vaadin would never hear of it
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /** Clicks a row button ({@code start|shutdown|poweroff|delete|boot-output}) of the named VM. */
    public void clickVmAction(String vmName, String action) {
        By button = By.cssSelector("vaadin-button[data-action='" + action + "'][data-vm='" + vmName + "']");
        new WebDriverWait(driver, timeout).until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    /** Confirms the open ConfirmDialog (Power off, Delete). */
    public void confirm() {
        waitFor(By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'], "
                + "vaadin-button[slot='confirm-button']")).click();
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
