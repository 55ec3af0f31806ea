package io.peakgate.payments.service;

import io.agroal.api.AgroalDataSource;
import io.peakgate.sms.SmsSigning;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The one transition path, seen from the database: a status change commits with everything its
 * listeners write (the billing event, the balance movement keyed by that event) or not at all.
 */
@QuarkusTest
class TransitionsTest {

    @Inject
    AgroalDataSource ds;

    private static Response sms(String id, String text) {
        String body = "{\"messageId\":\"" + id + "\",\"from\":\"+7916" + (System.nanoTime() % 10_000_000)
                + "\",\"to\":\"3116\",\"text\":\"" + text + "\",\"receivedAt\":\"" + Instant.now() + "\"}";
        return RestAssured.given().contentType("application/json; charset=UTF-8").header("X-Signature", SmsSigning.sign(body))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/v1/sms/demo-sms/inbound");
    }

    @Test
    void aSuccessCommitsWithItsBillingEventAndTheMovementThatEventCarries() {
        String id = "msg-" + UUID.randomUUID();
        sms(id, "ntvplus 2256884759 321").then().statusCode(200).body("reply", containsString("Платёж 321,00"));
        Object payment = Fixtures.value(ds, "SELECT id FROM payment WHERE provider_ref = ?", "demo-sms:" + id);
        assertThat(Fixtures.strings(ds, "SELECT coalesce(from_status, '-') || '>' || to_status FROM payment_transition "
                + "WHERE payment_id = ? ORDER BY id", payment)).containsExactly("->created", "created>succeeded");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM outbox o JOIN balance_movement m ON m.event_id = o.event_id "
                + "WHERE m.payment_id = ? AND m.amount = -32100 AND o.topic = 'billing.payments.v1' "
                + "AND o.payload LIKE '%io.peakgate.payment.succeeded.v1%'", payment)).isEqualTo(1);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM balance_movement WHERE payment_id = ?", payment)).isEqualTo(1);
    }

    @Test
    void aListenerThatFailsRollsTheWholeChangeBack() {
        String id = "msg-" + UUID.randomUUID();
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        FailingListener.ACCOUNTS.add(account);
        // the listener's failure is the gateway's: the aggregator gets its protocol's answer, not a payment
        sms(id, "esplus " + account + " 425").then().statusCode(200).body("reply", org.hamcrest.Matchers.not(containsString("Платёж")));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE client_id = 'sms:demo-sms' "
                + "AND idem_key = ?", id)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM balance_movement m JOIN account a ON a.id = m.account_id "
                + "WHERE a.number = ?", account)).isZero();
    }
}
