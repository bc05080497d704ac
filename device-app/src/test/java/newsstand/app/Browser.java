package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for a test: Debian's chromium, headless, driven through Debian's chromedriver (no download: the
 * binaries are named, so Selenium's own manager never runs). As root it runs without chromium's sandbox; the flags
 * that keep it from reaching out to Google's services (this machine's network is closed) are set.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path profile;

    Browser(Path dir, String language) throws Exception {
        for (String binary : new String[] {CHROMIUM, DRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new AssertionError(binary + " is missing: the console's browser tests need Debian's chromium and chromium-driver (./newsstand setup installs them)");
            }
        }
        profile = Files.createTempDirectory(dir, "chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "--lang=" + language);
        o.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    Browser open(String url) {
        driver.get(url);
        return this;
    }

    WebElement find(String css) {
        return await("an element " + css, 20, () -> {
            var found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Waits until the supplier gives something other than null or false; fails with what it waited for. */
    <T> T await(String what, int seconds, Supplier<T> until) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50)).withMessage("waiting for " + what)
                    .until(d -> {
                        T v = until.get();
                        return v instanceof Boolean b && !b ? null : v;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + " on " + driver.getCurrentUrl(), e);
        }
    }

    /** Logs in through the form. */
    void login(String base, String name, String password) {
        open(base + "/");
        find("#login-name").sendKeys(name);
        find("#login-password").sendKeys(password);
        find("#login-submit").click();
    }

    /** Saves what the browser shows, to look at. */
    Path screenshot(Path file) throws Exception {
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            Outputs.deleteTree(profile);
        }
    }
}
