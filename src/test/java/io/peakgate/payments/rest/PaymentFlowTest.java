package io.peakgate.payments.rest;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Card, token and wallet payments through the sandbox provider, with the real PostgreSQL, Redis and Kafka. */
@QuarkusTest
class PaymentFlowTest {

    @Inject
    AgroalDataSource ds;

    private String account() {
        return Fixtures.esplusAccount(ds, "E-9", 1000);
    }

    private static List<ConsumerRecord<String, String>> paymentEvents(String account, String paymentId, int expected) {
        return KafkaTopic.records(Topics.PAYMENTS, r -> ("esplus:" + account).equals(r.key())
                && r.value().contains(paymentId), expected, Duration.ofSeconds(20), Duration.ofSeconds(1));
    }

    @Test
    void aCardPaymentPassesTheChallengeAndSucceedsWithOneEvent() {
        String account = account();
        JsonPath created = PaymentsApi.card(account, 42500, "4111111111111111");
        assertThat(created.getString("status")).isEqualTo("requires_action");
        assertThat(created.getString("card.brand")).isEqualTo("visa");
        assertThat(created.getString("card.first6")).isEqualTo("411111");
        assertThat(created.getString("card.last4")).isEqualTo("1111");
        String page = created.getString("action.url");
        RestAssured.given().when().get(page).then().statusCode(200)
                .body(containsString("111111")).body(containsString("411111******1111"));
        PaymentsApi.answerChallenge(page, "111111");
        String id = created.getString("id");
        JsonPath done = PaymentsApi.awaitStatus(id, "succeeded");
        assertThat(done.getString("action")).isNull();
        List<ConsumerRecord<String, String>> events = paymentEvents(account, id, 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().value()).contains("io.peakgate.payment.succeeded.v1").contains("\"value\":42500");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment_transition WHERE payment_id = ?::uuid", id))
                .isEqualTo(3); // created, requires_action, succeeded
    }

    @Test
    void theMirTestCardSucceedsToo() {
        JsonPath created = PaymentsApi.card(account(), 10000, "2200000000000004");
        assertThat(created.getString("card.brand")).isEqualTo("mir");
        PaymentsApi.answerChallenge(created.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(created.getString("id"), "succeeded");
    }

    @Test
    void declinesAndAFailedChallengeFailWithoutAnEvent() {
        String account = account();
        JsonPath declined = PaymentsApi.card(account, 10000, "4000000000000002");
        PaymentsApi.answerChallenge(declined.getString("action.url"), "111111");
        assertThat(PaymentsApi.awaitStatus(declined.getString("id"), "failed").getString("failureCode"))
                .isEqualTo("card_declined");
        JsonPath poor = PaymentsApi.card(account, 10000, "4000000000009995");
        PaymentsApi.answerChallenge(poor.getString("action.url"), "111111");
        assertThat(PaymentsApi.awaitStatus(poor.getString("id"), "failed").getString("failureCode"))
                .isEqualTo("insufficient_funds");
        JsonPath wrongCode = PaymentsApi.card(account, 10000, "4111111111111111");
        PaymentsApi.answerChallenge(wrongCode.getString("action.url"), "000000");
        assertThat(PaymentsApi.awaitStatus(wrongCode.getString("id"), "failed").getString("failureCode"))
                .isEqualTo("3ds_failed");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE kafka_key = ? AND topic = ?",
                "esplus:" + account, Topics.PAYMENTS)).isZero();
    }

    @Test
    void walletsConfirmOnTheirPage() {
        String account = account();
        for (String wallet : List.of("qiwi", "webmoney", "yoomoney", "elexnet")) {
            JsonPath created = PaymentsApi.wallet(account, 15000, wallet);
            assertThat(created.getString("status")).isEqualTo("requires_action");
            assertThat(created.getString("method.wallet")).isEqualTo(wallet);
            RestAssured.given().formParam("decision", "approve").when().post(created.getString("action.url"))
                    .then().statusCode(200);
            PaymentsApi.awaitStatus(created.getString("id"), "succeeded");
        }
        JsonPath declined = PaymentsApi.wallet(account, 15000, "qiwi");
        RestAssured.given().formParam("decision", "decline").when().post(declined.getString("action.url"))
                .then().statusCode(200);
        PaymentsApi.awaitStatus(declined.getString("id"), "failed");
    }

    @Test
    void aOneUseTokenPaysOnce() {
        String account = account();
        JsonPath token = write().body("{\"number\":\"5555 5555 5555 4444\",\"expMonth\":1,\"expYear\":2031,\"holder\":\"A B\"}")
                .when().post("/v1/tokens").then().statusCode(201)
                .body("brand", equalTo("mastercard")).body("first6", equalTo("555555")).body("last4", equalTo("4444"))
                .extract().jsonPath();
        String body = """
                {"supplier":"esplus","account":"%s","amount":{"value":20000,"currency":"RUB"},
                 "method":{"type":"card_token","token":"%s"}}""".formatted(account, token.getString("token"));
        JsonPath paid = write().body(body).when().post("/v1/payments").then().statusCode(201)
                .body("card.last4", equalTo("4444")).extract().jsonPath();
        PaymentsApi.answerChallenge(paid.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(paid.getString("id"), "succeeded");
        write().body(body).when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"));
    }

    @Test
    void aTokenOfAnotherClientIsNotFound() {
        String account = account();
        String token = write().body("{\"number\":\"4111111111111111\",\"expMonth\":1,\"expYear\":2031}")
                .when().post("/v1/tokens").then().statusCode(201).extract().path("token");
        Fixtures.apiClient(ds, "other-portal", "other-portal-key", "esplus", "payments:write");
        RestAssured.given().contentType("application/json").header("Authorization", "Bearer other-portal-key")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":20000,"currency":"RUB"},
                         "method":{"type":"card_token","token":"%s"}}""".formatted(account, token))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"));
    }

    @Test
    void badPaymentsAreRefusedWithCodes() {
        String account = account();
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111112", null))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.invalid_number"))
                .body("errors[0].field", equalTo("method.card.number"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "378282246310005", null))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.brand_unsupported"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "UAH", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.currency_mismatch"));
        write().body(PaymentsApi.cardBody("esplus", account, 99_000_000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.amount_too_large"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", "nope"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.provider_unknown"));
        write().body(PaymentsApi.cardBody("esplus", "3399999999", 10000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(404).body("code", equalTo("account.not_found"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null).replace("2030", "2020"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.expired"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null)
                        .replace("\"subscriber\"", "\"status\":\"succeeded\",\"subscriber\""))
                .when().post("/v1/payments").then().statusCode(400).body("code", equalTo("request.unknown_field"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null).replace("10000", "-5"))
                .when().post("/v1/payments").then().statusCode(400).body("code", equalTo("request.invalid"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isZero();
    }

    @Test
    void aPaymentIsIdempotentAndItsErrorBodiesNeverCarryTheCard() {
        String account = account();
        String key = java.util.UUID.randomUUID().toString();
        String body = PaymentsApi.cardBody("esplus", account, 30000, "RUB", "4111111111111111", null);
        String first = portal().header("Idempotency-Key", key).body(body).when().post("/v1/payments")
                .then().statusCode(201).extract().asString();
        portal().header("Idempotency-Key", key).body(body).when().post("/v1/payments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(equalTo(first));
        assertThat(first).doesNotContain("4111111111111111").doesNotContain("\"123\"");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isEqualTo(1);
        String invalid = write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111112", null))
                .when().post("/v1/payments").then().statusCode(422).extract().asString();
        assertThat(invalid).doesNotContain("4111111111111112");
    }

    @Test
    void refundsNeverExceedWhatWasCaptured() {
        String account = account();
        JsonPath created = PaymentsApi.card(account, 42500, "4111111111111111");
        String id = created.getString("id");
        write().body("{\"amount\":{\"value\":1000,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(409).body("code", equalTo("refund.not_allowed"));
        PaymentsApi.answerChallenge(created.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(id, "succeeded");
        write().body("{\"amount\":{\"value\":42501,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(422).body("code", equalTo("refund.exceeds_captured"));
        write().body("{\"amount\":{\"value\":10000,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(201).body("status", equalTo("succeeded"))
                .body("paymentStatus", equalTo("partially_refunded")).body("refundedTotal.value", equalTo(10000));
        write().body("{\"amount\":{\"value\":32501,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(422).body("code", equalTo("refund.exceeds_captured"));
        write().body("{\"amount\":{\"value\":32500,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(201).body("paymentStatus", equalTo("refunded"));
        write().body("{\"amount\":{\"value\":1,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(409).body("code", equalTo("refund.not_allowed"));
        assertThat(PaymentsApi.get(id).getLong("refunded.value")).isEqualTo(42500);
        assertThat(paymentEvents(account, id, 3)).hasSize(3); // succeeded, refunded twice
    }

    @Test
    void anotherSuppliersPaymentIsNotFound() {
        JsonPath created = PaymentsApi.card(account(), 10000, "4111111111111111");
        Fixtures.apiClient(ds, "kyiv-portal", "kyiv-portal-key", "kyivenergo", "payments:write payments:refund");
        RestAssured.given().header("Authorization", "Bearer kyiv-portal-key")
                .when().get("/v1/payments/" + created.getString("id"))
                .then().statusCode(404).body("code", equalTo("payment.not_found")).body("detail", containsString("No payment"));
        portal().when().get("/v1/payments/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("payment.not_found")).body("action", nullValue());
    }
}
