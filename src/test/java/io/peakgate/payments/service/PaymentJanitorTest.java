package io.peakgate.payments.service;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The janitor (in tests: every second, re-check after 3 s, expire after 8 s) asks the provider
 * about payments whose callback never came, and expires the ones the payer abandoned.
 */
@QuarkusTest
class PaymentJanitorTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aLostCallbackIsRecoveredFromTheProvider() {
        JsonPath created = PaymentsApi.card(Fixtures.esplusAccount(ds, "E-9", 1000), 42500, "4111111111111111");
        // the payer passes the challenge, but the provider's callback is held back for 20 s
        RestAssured.given().formParam("code", "111111").formParam("delayMs", 20000)
                .when().post(created.getString("action.url")).then().statusCode(200);
        String id = created.getString("id");
        await().atMost(Duration.ofSeconds(15)).until(() -> "succeeded".equals(PaymentsApi.get(id).getString("status")));
        assertThat(Fixtures.value(ds, "SELECT reason FROM payment_transition WHERE payment_id = ?::uuid AND to_status = 'succeeded'",
                id)).isEqualTo("janitor");
    }

    @Test
    void anAbandonedPaymentExpires() {
        JsonPath created = PaymentsApi.card(Fixtures.esplusAccount(ds, "E-9", 1000), 42500, "4111111111111111");
        String id = created.getString("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "expired".equals(PaymentsApi.get(id).getString("status")));
    }
}
