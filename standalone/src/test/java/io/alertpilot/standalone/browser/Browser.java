package io.alertpilot.standalone.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian chromium, driven by Debian's chromium-driver (never a downloaded driver), for the console's
 * browser tests: opens pages of one base URL, waits (bounded) for what the page shows, runs scripts in the page and
 * writes screenshots. Where chromium or the driver is missing the calling test is skipped, except on CI
 * ({@code CI=true}), where it fails. Not thread safe: one test thread drives it.
 */
final class Browser implements AutoCloseable {

    /** How long a page may take to show what a test waits for. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;
    private String baseUrl;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.baseUrl = "";
    }

    /**
     * Starts chromium headless, writing screenshots to {@code screenshots} (created); {@link #useBaseUrl} says which
     * application {@link #open} opens. Skips the test where chromium or its driver is not installed, unless on CI.
     */
    static Browser start(Path screenshots) {
        for (Path binary : List.of(CHROMIUM, DRIVER)) {
            if (!Files.isExecutable(binary)) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(binary + " is not installed: .ci/run must install chromium and "
                            + "chromium-driver");
                }
                Assumptions.abort(binary + " is not installed (apt-get install chromium chromium-driver)");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(new ChromeDriver(service, options), screenshots);
    }

    /** Opens {@code baseUrl} + {@code path}. */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Points later {@link #open} calls at the application at {@code url} ({@code http://host:port}). */
    void useBaseUrl(String url) {
        this.baseUrl = url;
    }

    /** The path (and query) of the page shown. */
    String path() {
        String url = driver.getCurrentUrl();
        return url == null || !url.startsWith(baseUrl) ? url : url.substring(baseUrl.length());
    }

    /** The element {@code css} selects, waited for until it is there. */
    WebElement await(String css) {
        return Awaitility.await("the page shows " + css).atMost(WAIT).ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(css)), element -> element != null);
    }

    /** The elements {@code css} selects now (none is an empty list). */
    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Whether anything on the page matches {@code css} now. */
    boolean has(String css) {
        return !all(css).isEmpty();
    }

    /** The text of the element {@code css} selects, waited for. */
    String text(String css) {
        return await(css).getText().strip();
    }

    /** Clears the field {@code css} selects and types {@code value} into it. */
    void type(String css, String value) {
        WebElement field = await(css);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks the element {@code css} selects; again when a live update replaced it just before the click. */
    void click(String css) {
        Awaitility.await("a click on " + css).atMost(WAIT).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    await(css).click();
                    return true;
                });
    }

    /** Runs {@code script} in the page (its {@code arguments} are {@code args}) and answers what it returns. */
    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Runs {@code script} in the page as a promise's body and answers what it resolves to ({@code script} must end
     * with a {@code return} of a promise or value); bounded by {@link #WAIT}.
     */
    Object asyncScript(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        String wrapped = "const done = arguments[arguments.length - 1];"
                + "Promise.resolve((function () {" + script + "}).apply(null, Array.from(arguments).slice(0, -1)))"
                + ".then(done, e => done('error: ' + e));";
        return ((JavascriptExecutor) driver).executeAsyncScript(wrapped, args);
    }

    /** Forgets every cookie of the current site (a new browser session for it). */
    void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    /** Writes the page as shown to {@code <screenshots>/<name>.png}. */
    void screenshot(String name) {
        screenshot(screenshots.resolve(name + ".png"));
    }

    /** Writes the page as shown to {@code directory/<name>.png} and its HTML to {@code directory/<name>.html}. */
    void keep(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            screenshot(directory.resolve(name + ".png"));
            Files.writeString(directory.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void screenshot(Path file) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            shot.delete();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
