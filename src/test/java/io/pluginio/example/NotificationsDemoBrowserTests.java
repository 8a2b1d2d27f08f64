package io.pluginio.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pluginio.plugin.Broadcaster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The demo page in a real headless Chromium, against the whole service with the {@code dev}
 * profile's login and secrets: live messages, recovery of what was broadcast while the server was
 * down, and a denied socket that stays closed. Skipped where Debian's {@code chromium} and {@code
 * chromium-driver} are not installed; CI installs them and fails if these tests skipped.
 *
 * <p>The server is stopped and started again during a test, so it listens on a port chosen up front
 * (a random port would change on restart and the page would lose its server).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("dev")
class NotificationsDemoBrowserTests {

    private static final Logger logger = LoggerFactory.getLogger(NotificationsDemoBrowserTests.class);

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    /** A failure bound, not an expected duration. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final int PORT = freePort();

    private static final String API_KEY = "dev-api-key";

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    Broadcaster broadcaster;

    @TempDir
    Path profiles;

    private final List<WebDriver> drivers = new ArrayList<>();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @BeforeAll
    static void requireChromium() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    @AfterEach
    void quitBrowsers() {
        drivers.forEach(WebDriver::quit);
    }

    @Test
    void staffSeesLiveMessagesAndEveryMessageBroadcastWhileTheServerWasDownInOrder() {
        WebDriver browser = loggedIn("staff", "staff");
        open(browser, url("/plugin-io/api/notifications_demo/demo"));
        awaitPosition(browser);

        callback("{\"text\":\"from the callback\"}");
        awaitMessages(browser, 1);
        browser.findElement(By.id("send-text")).sendKeys("from the form");
        browser.findElement(By.id("send-button")).click();
        awaitMessages(browser, 2);

        WebServer server = context.getWebServer();
        server.stop();
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "reconnecting"));
        for (int i = 1; i <= 5; i++) {
            broadcaster
                    .broadcast("notifications_demo", "notifications", Map.of("text", "missed " + i))
                    .block(WAIT);
        }
        server.start();

        wait(browser).until(ExpectedConditions.attributeToBe(By.id("recovery"), "data-recovered", "true"));
        awaitMessages(browser, 7);
        callback("{\"text\":\"after the restart\"}");
        awaitMessages(browser, 8);
        screenshot(browser, "notifications-demo-staff.png");

        assertThat(messages(browser))
                .containsExactly(
                        "{\"text\":\"from the callback\"}",
                        "{\"text\":\"from the form\"}",
                        "{\"text\":\"missed 1\"}",
                        "{\"text\":\"missed 2\"}",
                        "{\"text\":\"missed 3\"}",
                        "{\"text\":\"missed 4\"}",
                        "{\"text\":\"missed 5\"}",
                        "{\"text\":\"after the restart\"}");
        assertThat(browser.findElement(By.id("recovery")).getText()).isEqualTo("recovered (5 missed)");
        assertThat(log(browser)).anyMatch(line -> line.contains("reconnecting"));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("open");
    }

    @Test
    void aPatientWhoseSocketIsDeniedSeesClosedAndTheClientDoesNotRetry() {
        WebDriver browser = loggedIn("patient", "patient");
        open(browser, url("/plugin-io/api/notifications_demo/demo"));

        wait(browser).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "closed"));
        screenshot(browser, "notifications-demo-patient.png");

        assertThat(browser.findElement(By.id("status-detail")).getText()).contains("4403", "Unauthorized");
        assertThat(log(browser)).noneMatch(line -> line.contains("reconnecting"));
        assertThat(log(browser)).filteredOn(line -> line.contains("closed")).hasSize(1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pluginIoDemo.connection.status"))
                .isEqualTo("closed");
    }

    private WebDriver loggedIn(String username, String password) {
        WebDriver browser = chromium();
        open(browser, url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser)
                .until(driver -> !driver.getCurrentUrl().contains("/login")
                        && "complete"
                                .equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
        return browser;
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--disable-features=Translate,OptimizationHints,MediaRouter,NetworkPrediction",
                "--window-size=1000,900",
                "--user-data-dir=" + profiles.resolve("profile-" + drivers.size()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        // Generous bounds: a first Chromium start on a busy machine builds its caches slowly.
        ClientConfig config = ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(5));
        WebDriver driver = new ChromeDriver(service, options, config);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(40));
        drivers.add(driver);
        return driver;
    }

    private void callback(String json) {
        WebTestClient.bindToServer()
                .baseUrl(url(""))
                .build()
                .post()
                .uri("/plugin-io/api/notifications_demo/callback")
                .header(HttpHeaders.AUTHORIZATION, API_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** Waits until the client knows the channel's position: from then on no broadcast is missed. */
    private static void awaitPosition(WebDriver browser) {
        wait(browser)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
                        .executeScript("return window.pluginIoDemo?.connection.position !== null")));
    }

    private static void awaitMessages(WebDriver browser, int count) {
        wait(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), count));
    }

    private static List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static List<String> log(WebDriver browser) {
        return browser.findElements(By.cssSelector("#log li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Opens {@code url}. Headless Chromium on a busy machine now and then never starts a navigation
     * (its request never reaches the server; chromedriver reports "Timed out receiving message from
     * renderer"): a browser fault, not the page's, so the page is opened again in a fresh tab, whose
     * renderer is new. The page itself is never retried once it has loaded.
     */
    private static void open(WebDriver browser, String url) {
        for (int attempt = 1; ; attempt++) {
            try {
                browser.get(url);
                return;
            } catch (TimeoutException ex) {
                if (attempt == 3) {
                    throw ex;
                }
                logger.warn("Chromium did not load {} (attempt {}); opening it in a new tab", url, attempt);
                browser.switchTo().newWindow(WindowType.TAB);
            }
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
