package io.peakgate.payments.provider.sandbox;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A payer in a real headless Chromium passes the sandbox's 3-D Secure challenge and returns to the portal. */
@QuarkusTest
class ChallengeInBrowserTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aPayerPassesTheChallengeInABrowser() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String body = PaymentsApi.cardBody("esplus", account, 42500, "RUB", "4111111111111111", null)
                .replace("\"subscriber\":\"sub-1\"", "\"subscriber\":\"sub-1\",\"returnUrl\":\"http://127.0.0.1:8081/problems\"");
        JsonPath created = io.peakgate.support.Api.write().body(body).when().post("/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(created.getString("action.url"));
            assertThat(browser.getPageSource()).contains("411111******1111");
            browser.findElement(By.id("code")).sendKeys("111111");
            browser.findElement(By.id("confirm")).click();
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("/problems"));
            assertThat(browser.getCurrentUrl()).contains("status=succeeded").contains(created.getString("id"));
        } finally {
            browser.quit();
        }
        PaymentsApi.awaitStatus(created.getString("id"), "succeeded");
    }
}
