package io.peakgate.platform.security;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.portalAs;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static io.peakgate.support.Api.writeAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A caller reaches only what it proved: a verification token its one balance and one reading, a
 * publishable key tokenising and verifying, a portal the subscriber it authenticated and the
 * payments it created (a back-office key: its suppliers' payments), and payers go back only to the
 * client's registered origins.
 */
@QuarkusTest
class CallerReachTest {

    private static final String PUBLISHABLE = "demo-portal-publishable-key";

    @Inject
    AgroalDataSource ds;

    private static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    private String verificationToken(String account) {
        return as(PUBLISHABLE).body("{\"account\":\"" + account + "\",\"surname\":\"test\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(200).extract().path("token");
    }

    @Test
    void aVerificationTokenReadsItsBalanceAndSubmitsOneReadingNothingElse() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String token = verificationToken(account);
        as(token).when().get("/v1/suppliers/esplus/accounts/" + account + "/balance").then().statusCode(200);
        as(token).when().get("/v1/suppliers/esplus/accounts/" + account + "/operations").then().statusCode(403)
                .body("code", equalTo("auth.key_kind_forbidden"));
        as(token).when().get("/v1/subscribers/anyone/cards").then().statusCode(403)
                .body("code", equalTo("auth.key_kind_forbidden"));
        as(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\"}")
                .when().post("/v1/subscribers/anyone/accounts").then().statusCode(403);
        as(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(403).body("code", equalTo("auth.key_kind_forbidden"));

        // a refused reading does not spend the token's one reading
        as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body(reading("E-9", "T1", 999))
                .when().post(readingsPath("esplus", account)).then().statusCode(422)
                .body("code", equalTo("reading.below_previous"));
        String key = UUID.randomUUID().toString();
        String first = as(token).header("Idempotency-Key", key).body(reading("E-9", "T1", 1100))
                .when().post(readingsPath("esplus", account)).then().statusCode(201).extract().path("id");
        // its retry replays the first answer instead of being refused as a second reading
        as(token).header("Idempotency-Key", key).body(reading("E-9", "T1", 1100))
                .when().post(readingsPath("esplus", account)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body(reading("E-9", "T1", 1200))
                .when().post(readingsPath("esplus", account)).then().statusCode(403)
                .body("code", equalTo("verification.reading_used"));
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
    }

    @Test
    void aPublishableKeyOnlyTokenisesAndVerifies() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String token = as(PUBLISHABLE).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")
                .when().post("/v1/tokens").then().statusCode(201).extract().path("token");
        verificationToken(account);
        as(PUBLISHABLE).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"amount\":{\"value\":10000,\"currency\":\"RUB\"},"
                        + "\"method\":{\"type\":\"card_token\",\"token\":\"" + token + "\"}}")
                .when().post("/v1/payments").then().statusCode(403).body("code", equalTo("auth.key_kind_forbidden"));
        as(PUBLISHABLE).when().get("/v1/suppliers/esplus/accounts/" + account + "/balance").then().statusCode(403);
        as(PUBLISHABLE).header("Idempotency-Key", UUID.randomUUID().toString()).body(reading("E-9", "T1", 1100))
                .when().post(readingsPath("esplus", account)).then().statusCode(403);
        // the portal's server pays with what its page tokenised: one client, two keys
        write().body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"amount\":{\"value\":10000,\"currency\":\"RUB\"},"
                        + "\"method\":{\"type\":\"card_token\",\"token\":\"" + token + "\"}}")
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("requires_action"));
    }

    @Test
    void subscriberScopedOperationsActOnlyForTheAuthenticatedSubscriber() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String victim = "sub-" + UUID.randomUUID();
        String card = PaymentsApi.saveCard(account, victim, "4111111111111111", "utilities");
        String attacker = "sub-" + UUID.randomUUID();
        String listed = portalAs(attacker).when().get("/v1/subscribers/" + victim + "/cards").then().statusCode(404)
                .body("code", equalTo("subscriber.not_found")).extract().path("detail");
        String nobody = portalAs(attacker).when().get("/v1/subscribers/sub-nobody/cards").then().statusCode(404)
                .extract().path("detail");
        assertThat(listed).isEqualTo(nobody);
        portal().when().get("/v1/subscribers/" + victim + "/cards").then().statusCode(400)
                .body("code", equalTo("subscriber.required"));
        portalAs(attacker).when().delete("/v1/subscribers/" + victim + "/cards/" + card).then().statusCode(404);
        portalAs(attacker).when().post("/v1/subscribers/" + victim + "/cards/revoke-all").then().statusCode(404);
        writeAs(attacker).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":10000,"currency":"RUB"},"subscriber":"%s",
                         "method":{"type":"card_token","token":"%s"}}""".formatted(account, victim, card))
                .when().post("/v1/payments").then().statusCode(404).body("code", equalTo("subscriber.not_found"));
        portalAs(attacker).body("""
                        {"subscriber":"%s","cardToken":"%s","limit":{"value":1000,"currency":"RUB"}}""".formatted(victim, card))
                .when().put("/v1/suppliers/esplus/accounts/" + account + "/autopay").then().statusCode(404);
        PaymentsApi.cards(victim).then().statusCode(200).body("size()", equalTo(1));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM autopay a JOIN account c ON c.id = a.account_id WHERE c.number = ?",
                account)).isZero();
    }

    @Test
    void aPaymentIsReachedByItsCreatorOrTheSuppliersBackOffice() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String id = PaymentsApi.card(account, 20000, "4111111111111111").getString("id");
        String other = "other-" + UUID.randomUUID();
        Fixtures.apiClient(ds, other, other, "esplus", "payments:write payments:refund");
        String seen = as(other).when().get("/v1/payments/" + id).then().statusCode(404)
                .body("code", equalTo("payment.not_found")).extract().path("detail");
        String missing = UUID.randomUUID().toString();
        assertThat(seen.replace(id, "")).isEqualTo(as(other).when().get("/v1/payments/" + missing).then().statusCode(404)
                .extract().<String>path("detail").replace(missing, ""));
        PaymentsApi.answerChallenge(PaymentsApi.get(id).getString("action.url"), "111111");
        PaymentsApi.awaitStatus(id, "succeeded");
        as(other).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":{\"value\":100,\"currency\":\"RUB\"}}")
                .when().post("/v1/payments/" + id + "/refunds").then().statusCode(404);
        // the back office reads and refunds any payment of its suppliers
        as("demo-ops-key").when().get("/v1/payments/" + id).then().statusCode(200).body("id", equalTo(id));
        as("demo-ops-key").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":{\"value\":100,\"currency\":\"RUB\"}}")
                .when().post("/v1/payments/" + id + "/refunds").then().statusCode(201);
        assertThat(PaymentsApi.get(id).getLong("refunded.value")).isEqualTo(100);
    }

    @Test
    void payersGoBackOnlyToARegisteredOrigin() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        for (String url : new String[]{"https://evil.example/phish", "https://portal.example.evil.example/x",
                "https://user@portal.example/x", "https://portal.example/%zz"}) {
            write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null)
                            .replace("\"subscriber\":\"sub-1\"", "\"subscriber\":\"sub-1\",\"returnUrl\":\"" + url + "\""))
                    .when().post("/v1/payments").then().statusCode(422)
                    .body("code", equalTo("payment.return_url_not_registered"))
                    .body("errors[0].field", equalTo("returnUrl"));
        }
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null)
                        .replace("\"subscriber\":\"sub-1\"", "\"subscriber\":\"sub-1\",\"returnUrl\":\"https://portal.example/done?x=1\""))
                .when().post("/v1/payments").then().statusCode(201).body("failureCode", nullValue());
    }
}
