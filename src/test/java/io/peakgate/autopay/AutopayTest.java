package io.peakgate.autopay;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.peakgate.support.PaymentsApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.portalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Autopay against the real services: bills from Kafka, the bound card charged once per bill. */
@QuarkusTest
class AutopayTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    @Inject
    MutableClock clock;

    @Inject
    AutopayCharger charger;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A fresh account whose subscriber has saved a card (and so has paid the supplier once). */
    private record Subscriber(String account, String subscriber, String token) {
    }

    private Subscriber withSavedCard(String number) {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        return new Subscriber(account, subscriber, PaymentsApi.saveCard(account, subscriber, number, "utilities"));
    }

    private static io.restassured.response.Response enable(Subscriber s, long limit) {
        return portalAs(s.subscriber()).body("""
                        {"subscriber":"%s","cardToken":"%s","limit":{"value":%d,"currency":"RUB"},"paymentType":"utilities"}"""
                        .formatted(s.subscriber(), s.token(), limit))
                .when().put("/v1/suppliers/esplus/accounts/" + s.account() + "/autopay");
    }

    private static String bill(String billId, String account, long amount) {
        return """
                {"billId":"%s","supplier":"esplus","account":"%s","amountDue":{"value":%d,"currency":"RUB"},"dueDate":"2026-12-10"}"""
                .formatted(billId, account, amount);
    }

    private static JsonPath autopay(Subscriber s) {
        return portalAs(s.subscriber()).when().get("/v1/suppliers/esplus/accounts/" + s.account() + "/autopay")
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitCharge(Subscriber s, String billId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(autopay(s).getString("charges.find { it.billId == '%s' }.status".formatted(billId))));
        return autopay(s);
    }

    private long autopayPayments(Subscriber s) {
        return Fixtures.count(ds, "SELECT count(*) FROM payment WHERE subscriber = ? AND amount <> 10000", s.subscriber());
    }

    private double repeatCharges() {
        return metrics.counter("peakgate.sandbox.repeat.charges").count();
    }

    @Test
    void aBillDeliveredTwiceIsChargedOnceAndRecordedLikeAnyPayment() {
        Subscriber s = withSavedCard("4111111111111111");
        enable(s, 50000).then().statusCode(200).body("limit.value", equalTo(50000))
                .body("cardToken", equalTo(s.token())).body("paymentType", equalTo("utilities"));
        String billId = "bill-" + UUID.randomUUID();
        double before = repeatCharges();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(billId, s.account(), 42500));
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(billId, s.account(), 42500));
        JsonPath view = awaitCharge(s, billId, "succeeded");
        String paymentId = view.getString("charges.find { it.billId == '%s' }.paymentId".formatted(billId));
        // the second delivery changed nothing, however long we wait for it
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM autopay_charge WHERE bill_id = ?", billId)).isEqualTo(1);
        assertThat(autopayPayments(s)).isEqualTo(1);
        assertThat(repeatCharges() - before).isEqualTo(1.0);
        PaymentsApi.get(paymentId);
        portal().when().get("/v1/payments/" + paymentId).then().statusCode(200)
                .body("status", equalTo("succeeded")).body("amount.value", equalTo(42500))
                .body("card.last4", equalTo("1111"));
        // billing hears of it exactly once, like any payment
        List<ConsumerRecord<String, String>> events = KafkaTopic.records(Topics.PAYMENTS,
                r -> r.value().contains(paymentId), 1, Duration.ofSeconds(15), Duration.ofSeconds(2));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().value()).contains("io.peakgate.payment.succeeded.v1");
    }

    @Test
    void aBillInPlainerSpellingsOrAsACloudEventIsChargedToo() {
        Subscriber s = withSavedCard("4111111111111111");
        enable(s, 50000).then().statusCode(200);
        String plain = "bill-" + UUID.randomUUID();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), """
                {"bill_id":"%s","supplier":"esplus","account":"%s","amount_due":15000,"due_date":"2026-12-10"}"""
                .formatted(plain, s.account()));
        String wrapped = "bill-" + UUID.randomUUID();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), """
                {"specversion":"1.0","id":"evt-1","source":"/billing","type":"bill.issued","data":%s}"""
                .formatted(bill(wrapped, s.account(), 16000)));
        assertThat(awaitCharge(s, plain, "succeeded").getInt("charges.find { it.billId == '%s' }.amount.value"
                .formatted(plain))).isEqualTo(15000);
        awaitCharge(s, wrapped, "succeeded");
        assertThat(autopayPayments(s)).isEqualTo(2);
    }

    @Test
    void aKillBetweenTheChargeAndItsRecordDoesNotChargeTwice() {
        Subscriber s = withSavedCard("5555555555554444");
        enable(s, 100000).then().statusCode(200);
        String billId = "bill-" + UUID.randomUUID();
        long accountId = Fixtures.count(ds, "SELECT id FROM account WHERE supplier = 'esplus' AND number = ?", s.account());
        // the bill is filed but not due yet, so the running charger leaves it to this test
        Fixtures.query(ds, """
                INSERT INTO autopay_charge (bill_id, account_id, amount, currency, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, 30000, 'RUB', 'pending', now() + interval '1 day', now(), now())""", billId, accountId);
        double before = repeatCharges();
        AutopayCharge charge = new AutopayCharge(billId, accountId, "esplus", s.account(), 30000, "RUB", "pending", 0, null);
        // what the gateway did before it was killed: the payment saved, the card charged ...
        AutopayCharger.Attempt attempt = charger.begin(charge).await().atMost(Duration.ofSeconds(10));
        assertThat(charger.charge(attempt).await().atMost(Duration.ofSeconds(10)).status().wire()).isEqualTo("succeeded");
        assertThat(repeatCharges() - before).isEqualTo(1.0);
        // ... and nothing recorded: the payment is still "created", the charge "charging"
        assertThat(PaymentsApi.get(attempt.payment().id().toString()).getString("status")).isEqualTo("created");
        assertThat(Fixtures.value(ds, "SELECT status FROM autopay_charge WHERE bill_id = ?", billId)).isEqualTo("charging");
        // the restarted gateway finds the charge due again and finishes it
        Fixtures.query(ds, "UPDATE autopay_charge SET next_attempt_at = now() - interval '1 second' WHERE bill_id = ?", billId);
        awaitCharge(s, billId, "succeeded");
        assertThat(repeatCharges() - before).isEqualTo(1.0);
        assertThat(autopayPayments(s)).isEqualTo(1);
        assertThat(PaymentsApi.get(attempt.payment().id().toString()).getString("status")).isEqualTo("succeeded");
        assertThat(redis.value(String.class).get("sandbox:charge:" + attempt.payment().id().toString().replace("-", "")))
                .isEqualTo("SUCCEED");
    }

    @Test
    void neverAboveTheLimitAndNothingOnceAutopayIsOffOrTheCardIsGone() {
        Subscriber s = withSavedCard("2200000000000004");
        enable(s, 20000).then().statusCode(200);
        String tooMuch = "bill-" + UUID.randomUUID();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(tooMuch, s.account(), 20001));
        JsonPath view = awaitCharge(s, tooMuch, "skipped");
        assertThat(view.getString("charges.find { it.billId == '%s' }.reason".formatted(tooMuch))).isEqualTo("over_limit");
        // the card removed: the next bill is not charged
        portalAs(s.subscriber()).when().delete("/v1/subscribers/" + s.subscriber() + "/cards/" + s.token()).then().statusCode(204);
        String cardGone = "bill-" + UUID.randomUUID();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(cardGone, s.account(), 15000));
        view = awaitCharge(s, cardGone, "skipped");
        assertThat(view.getString("charges.find { it.billId == '%s' }.reason".formatted(cardGone))).isEqualTo("card_unusable");
        // autopay off: bills are not even filed
        portalAs(s.subscriber()).when().delete("/v1/suppliers/esplus/accounts/" + s.account() + "/autopay").then().statusCode(204);
        portalAs(s.subscriber()).when().get("/v1/suppliers/esplus/accounts/" + s.account() + "/autopay").then().statusCode(404)
                .body("code", equalTo("autopay.not_found"));
        String off = "bill-" + UUID.randomUUID();
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(off, s.account(), 15000));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM autopay_charge WHERE bill_id = ?", off)).isZero();
        assertThat(autopayPayments(s)).isZero();
    }

    @Test
    void aSoftDeclineIsRetriedOnTheScheduleThenFails() {
        Subscriber s = withSavedCard("4111111111111111");
        enable(s, 50000).then().statusCode(200);
        String billId = "bill-" + UUID.randomUUID();
        // the sandbox finds the account short for amounts ending in 51
        KafkaTopic.send(Topics.BILLS, "esplus:" + s.account(), bill(billId, s.account(), 12351));
        JsonPath view = awaitCharge(s, billId, "retrying");
        assertThat(view.getString("charges.find { it.billId == '%s' }.reason".formatted(billId))).isEqualTo("insufficient_funds");
        OffsetDateTime next = OffsetDateTime.parse(view.getString("charges.find { it.billId == '%s' }.nextAttemptAt".formatted(billId)));
        assertThat(next).isAfter(OffsetDateTime.now().plusMinutes(59));
        // nothing more happens before the retry is due
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(autopayPayments(s)).isEqualTo(1);
        // each retry is due after its delay (1 h, 6 h, 24 h), then the charge fails
        for (Duration delay : List.of(Duration.ofHours(1), Duration.ofHours(7), Duration.ofHours(31))) {
            long attempts = autopayPayments(s) + 1;
            clock.set(OffsetDateTime.now().plus(delay).plusMinutes(1).toZonedDateTime());
            await().atMost(Duration.ofSeconds(20)).until(() -> autopayPayments(s) == attempts);
        }
        awaitCharge(s, billId, "failed");
        assertThat(autopay(s).getInt("charges.find { it.billId == '%s' }.attempts".formatted(billId))).isEqualTo(4);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE subscriber = ? AND status = 'failed'",
                s.subscriber())).isEqualTo(4);
    }

    @Test
    void autopayNeedsAUsableCardAndALimitWithinTheSuppliers() {
        Subscriber s = withSavedCard("4111111111111111");
        enable(s, 1500001).then().statusCode(422).body("code", equalTo("autopay.limit_too_high"));
        enable(new Subscriber(s.account(), s.subscriber(), "card_nosuchtoken"), 1000).then().statusCode(422)
                .body("code", equalTo("token.not_found"));
        portalAs(s.subscriber()).body("""
                        {"subscriber":"%s","cardToken":"%s","limit":{"value":1000,"currency":"RUB"},"paymentType":"tv"}"""
                        .formatted(s.subscriber(), s.token()))
                .when().put("/v1/suppliers/esplus/accounts/" + s.account() + "/autopay")
                .then().statusCode(422).body("code", equalTo("card.payment_type_mismatch"));
        String kyiv = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3);
        portalAs(s.subscriber()).body("""
                        {"subscriber":"%s","cardToken":"%s","limit":{"value":1000,"currency":"UAH"}}"""
                        .formatted(s.subscriber(), s.token()))
                .when().put("/v1/suppliers/kyivenergo/accounts/" + kyiv + "/autopay")
                .then().statusCode(422).body("code", equalTo("autopay.not_offered"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM autopay a JOIN account c ON c.id = a.account_id WHERE c.number = ?",
                s.account())).isZero();
    }
}
