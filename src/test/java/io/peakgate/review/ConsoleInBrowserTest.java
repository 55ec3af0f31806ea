package io.peakgate.review;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.MutableClock;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operator in a real headless Chromium signs in to the console with an admin key, finds a reading
 * flagged as implausible, resolves it with a reason and sees it leave the open list; the API then shows
 * who resolved it, when and why. With {@code -Dscreenshots=docs} it writes docs/console.png.
 */
@QuarkusTest
class ConsoleInBrowserTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @TestHTTPResource("/console/")
    URL console;

    @Test
    void anOperatorResolvesAReviewItemInTheBrowser() throws Exception {
        clock.reset();
        String key = "console-admin-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "console-test-admin", key, "esplus kyivenergo ntvplus", "admin reconciliation");
        String account = ReviewDeskTest.implausibleReading(ds)[0];
        ReviewDeskTest.sendSms(ReviewDeskTest.smsMessage(UUID.randomUUID().toString(),
                "ntvplus " + ReviewDeskTest.ntvplusNumber() + " 350"));
        String paid = Fixtures.esplusAccount(ds, "E-9", 1000);
        String payment = PaymentsApi.card(paid, 42500, "4111111111111111").getString("id");
        PaymentsApi.sandboxCallback("{\"eventId\":\"evt-" + UUID.randomUUID() + "\",\"paymentId\":\""
                + payment + "\",\"status\":\"succeeded\",\"amount\":40000,\"currency\":\"RUB\"}").then().statusCode(200);
        ReviewDeskTest.implausibleReading(ds);

        RestAssured.given().when().get(console).then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));

        WebDriver browser = browser();
        try {
            browser.manage().window().setSize(new Dimension(1400, 1100));
            browser.get(console.toString());
            browser.findElement(By.id("key")).sendKeys(key);
            browser.findElement(By.id("login")).click();
            By row = By.xpath("//table[@id='review-table']//tr[@data-status='open'][td[contains(., '" + account + "')]]");
            await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(row).isEmpty());
            await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.cssSelector("#chart polyline")).isEmpty());
            assertThat(browser.getCurrentUrl()).doesNotContain(key);
            assertThat(browser.manage().getCookies()).isEmpty();
            screenshot(browser);

            WebElement item = browser.findElement(row);
            item.findElement(By.cssSelector("select.resolution option[value='accept']")).click();
            item.findElement(By.cssSelector("input.reason")).sendKeys("checked against the meter photo");
            item.findElement(By.cssSelector("button.resolve")).click();
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElements(row).isEmpty()
                    && browser.findElement(By.id("message")).getText().contains("Resolved"));
        } finally {
            browser.quit();
        }

        List<Map<String, Object>> resolved = ReviewDeskTest.items(key, "reading", "resolved", account);
        assertThat(resolved).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> audit = (Map<String, Object>) resolved.getFirst().get("resolution");
        assertThat(audit).containsEntry("resolution", "accept").containsEntry("reason", "checked against the meter photo")
                .containsEntry("resolvedBy", "console-test-admin").containsKey("resolvedAt");
        assertThat(ReviewDeskTest.items(key, "reading", "open", account)).isEmpty();
    }

    private static WebDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The console with data, for the README (only when asked: -Dscreenshots=<directory> (not under peakgate.: that prefix is the gateway's checked config)). */
    private static void screenshot(WebDriver browser) throws Exception {
        String dir = System.getProperty("screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path target = Path.of(dir).resolve("console.png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
