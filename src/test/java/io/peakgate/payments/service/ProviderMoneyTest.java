package io.peakgate.payments.service;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.peakgate.support.ProviderCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Money the provider took is credited or flagged, never dropped: a late signed success for a
 * payment the gateway expired is applied and flagged; one for a payment the provider declined is
 * filed for review; refunds count what they gave back; test-mode money and unsigned amounts never
 * count as real.
 */
@QuarkusTest
class ProviderMoneyTest {

    private static final String TERMINAL = "DemoTerminalEsplus";
    private static final AtomicLong PROVIDER_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Inject
    AgroalDataSource ds;

    private String tbankPayment(long amount) {
        return (String) Fixtures.waitingPayment(ds, "esplus", Fixtures.esplusAccount(ds, "E-9", 1000), "tbank", amount,
                "RUB").get("id");
    }

    private static Map<String, Object> tbank(String id, String status, Long amount) {
        Map<String, Object> fields = ProviderCallbacks.tbankFields(TERMINAL, id, status, PROVIDER_IDS.incrementAndGet());
        if (amount != null) {
            fields.put("Amount", amount);
        }
        return fields;
    }

    private long movements(String id) {
        return Fixtures.count(ds, "SELECT coalesce(sum(amount), 0) FROM balance_movement WHERE payment_id = ?::uuid", id);
    }

    private List<String> reviewKinds(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM reconciliation_item WHERE payment_id = ?::uuid", id) > 0);
        return java.util.stream.Stream.of(String.valueOf(Fixtures.value(ds,
                "SELECT string_agg(kind, ',' ORDER BY id) FROM reconciliation_item WHERE payment_id = ?::uuid", id))
                .split(",")).toList();
    }

    private long events(String id, String type) {
        return Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE topic = 'billing.payments.v1' AND payload LIKE ? "
                + "AND payload LIKE ?", "%" + type + "%", "%" + id + "%");
    }

    @Test
    void aSignedSuccessAfterTheGatewayGaveUpIsAppliedAndFlagged() {
        String id = tbankPayment(42500);
        // waited on longer than the janitor's expiry: the provider cannot be asked (no reference)
        Fixtures.query(ds, "UPDATE payment SET updated_at = now() - interval '1 hour' WHERE id = ?::uuid", id);
        JsonPath expired = PaymentsApi.awaitStatus(id, "expired");
        assertThat(expired.getBoolean("needsReview")).isFalse();
        assertThat(movements(id)).isZero();

        ProviderCallbacks.tbank(tbank(id, "CONFIRMED", 42500L)).then().statusCode(200).body(equalTo("OK"));
        JsonPath paid = PaymentsApi.awaitStatus(id, "succeeded");
        assertThat(paid.getBoolean("needsReview")).isTrue();
        assertThat(reviewKinds(id)).containsExactly("late_success");
        assertThat(movements(id)).isEqualTo(-42500);
        assertThat(events(id, "io.peakgate.payment.succeeded.v1")).isEqualTo(1);
    }

    @Test
    void aSignedSuccessForADeclinedPaymentIsFiledNotDropped() {
        String id = tbankPayment(30000);
        ProviderCallbacks.tbank(tbank(id, "REJECTED", 30000L)).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "failed");
        ProviderCallbacks.tbank(tbank(id, "CONFIRMED", 30000L)).then().statusCode(200);
        assertThat(reviewKinds(id)).containsExactly("success_after_decline");
        JsonPath p = PaymentsApi.get(id);
        assertThat(p.getString("status")).isEqualTo("failed");
        assertThat(p.getBoolean("needsReview")).isTrue();
        assertThat(movements(id)).isZero();
    }

    @Test
    void providerRefundsCountWhatTheyGaveBack() {
        String id = tbankPayment(40000);
        ProviderCallbacks.tbank(tbank(id, "CONFIRMED", 40000L)).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");

        // a partial refund made in T-Bank's console
        ProviderCallbacks.tbank(tbank(id, "PARTIAL_REFUNDED", 10000L)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentsApi.get(id).getLong("refunded.value") == 10000);
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("partially_refunded");
        assertThat(movements(id)).isEqualTo(-30000);
        // a second partial refund is its own event, not a duplicate of the first
        ProviderCallbacks.tbank(tbank(id, "PARTIAL_REFUNDED", 5000L)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentsApi.get(id).getLong("refunded.value") == 15000);
        // the rest, reported as a full refund
        ProviderCallbacks.tbank(tbank(id, "REFUNDED", 25000L)).then().statusCode(200);
        JsonPath refunded = PaymentsApi.awaitStatus(id, "refunded");
        assertThat(refunded.getLong("refunded.value")).isEqualTo(40000);
        assertThat(refunded.getBoolean("needsReview")).isFalse();
        assertThat(movements(id)).isZero();
        List<String> refunds = Fixtures.strings(ds, """
                SELECT payload FROM outbox WHERE topic = 'billing.payments.v1' AND payload LIKE ?
                AND payload LIKE '%payment.refunded.v1%' ORDER BY id""", "%" + id + "%");
        assertThat(refunds).hasSize(3);
        assertThat(refunds.get(0)).contains("\"refund\":{\"value\":10000").contains("\"refunded\":{\"value\":10000");
        assertThat(refunds.get(1)).contains("\"refund\":{\"value\":5000").contains("\"refunded\":{\"value\":15000");
        assertThat(refunds.get(2)).contains("\"refund\":{\"value\":25000").contains("\"refunded\":{\"value\":40000");
    }

    @Test
    void aRefundOfUnknownAmountOrBeyondTheCaptureIsFlagged() {
        String id = tbankPayment(20000);
        ProviderCallbacks.tbank(tbank(id, "CONFIRMED", 20000L)).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        ProviderCallbacks.tbank(tbank(id, "REFUNDED", null)).then().statusCode(200);
        ProviderCallbacks.tbank(tbank(id, "PARTIAL_REFUNDED", 90000L)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> reviewKinds(id).size() == 2);
        assertThat(reviewKinds(id)).containsExactlyInAnyOrder("refund_amount_unknown", "refund_exceeds_captured");
        JsonPath p = PaymentsApi.get(id);
        assertThat(p.getString("status")).isEqualTo("succeeded");
        assertThat(p.getLong("refunded.value")).isZero();
        assertThat(movements(id)).isEqualTo(-20000);
    }

    private static Map<String, String> yoomoney(String id, String operation, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notification_type", "card-incoming");
        form.put("operation_id", operation);
        form.put("amount", amount);
        form.put("withdraw_amount", amount);
        form.put("currency", "643");
        form.put("datetime", Instant.now().toString());
        form.put("sender", "");
        form.put("codepro", "false");
        form.put("label", id);
        form.put("unaccepted", "false");
        form.put("test_notification", "false");
        return form;
    }

    private String yooPayment(long amount) {
        return (String) Fixtures.waitingPayment(ds, "esplus", Fixtures.esplusAccount(ds, "E-9", 1000), "yoomoney", amount,
                "RUB").get("id");
    }

    @Test
    void yooMoneyCreditsOnlyTheSignedAmountAndAHeldTransferIsNotASuccess() {
        String id = yooPayment(42500);
        String operation = "9040" + PROVIDER_IDS.incrementAndGet();
        Map<String, String> held = yoomoney(id, operation, "425.00");
        held.put("unaccepted", "true");
        ProviderCallbacks.yoomoney(held).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "processing");
        assertThat(movements(id)).isZero();
        // its acceptance later is a new event, not a duplicate of the held one
        ProviderCallbacks.yoomoney(yoomoney(id, operation, "425.00")).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        assertThat(movements(id)).isEqualTo(-42500);

        // withdraw_amount is not covered by the hash: the signed amount is what counts
        String short_ = yooPayment(42500);
        Map<String, String> less = yoomoney(short_, "9041" + PROVIDER_IDS.incrementAndGet(), "1.00");
        less.put("withdraw_amount", "425.00");
        ProviderCallbacks.yoomoney(less).then().statusCode(200);
        assertThat(reviewKinds(short_)).containsExactly("amount_mismatch");
        assertThat(PaymentsApi.get(short_).getString("status")).isEqualTo("requires_action");
        assertThat(movements(short_)).isZero();
    }

    @Test
    void testModeMoneyIsRefusedAndFlaggedForASupplierThatIsNotInTestMode() {
        String id = yooPayment(42500);
        Map<String, String> form = yoomoney(id, "9042" + PROVIDER_IDS.incrementAndGet(), "425.00");
        form.put("test_notification", "true");
        ProviderCallbacks.yoomoney(form).then().statusCode(200);
        assertThat(reviewKinds(id)).containsExactly("test_mode_money");
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("requires_action");
        assertThat(movements(id)).isZero();
    }

    private static String liqpay(String publicKey, String id, String status, String amounts) {
        return "{\"public_key\":\"" + publicKey + "\",\"version\":3,\"action\":\"pay\",\"status\":\"" + status
                + "\",\"order_id\":\"" + id + "\",\"payment_id\":" + PROVIDER_IDS.incrementAndGet() + "," + amounts
                + ",\"end_date\":" + Instant.now().toEpochMilli() + "}";
    }

    @Test
    void liqPaySandboxMoneyCountsOnlyForASupplierConfiguredForTesting() {
        String live = yooPaymentAt("esplus", Fixtures.esplusAccount(ds, "E-9", 1000), "liqpay", "RUB");
        ProviderCallbacks.liqpay(liqpay("demo-liqpay-public-esplus", live, "sandbox",
                "\"amount\":425.0,\"currency\":\"RUB\"")).then().statusCode(200);
        assertThat(reviewKinds(live)).containsExactly("test_mode_money");
        assertThat(PaymentsApi.get(live).getString("status")).isEqualTo("requires_action");
        assertThat(movements(live)).isZero();

        String testing = yooPaymentAt("kyivenergo", Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3), "liqpay", "UAH");
        ProviderCallbacks.liqpay(liqpay("demo-liqpay-public-kyivenergo", testing, "sandbox",
                "\"amount\":425.0,\"currency\":\"UAH\"")).then().statusCode(200);
        PaymentsApi.awaitStatus(testing, "succeeded");
    }

    @Test
    void aLiqPayReversalCountsItsRefundAmountAndOneWithoutIsFlagged() {
        String id = yooPaymentAt("esplus", Fixtures.esplusAccount(ds, "E-9", 1000), "liqpay", "RUB");
        ProviderCallbacks.liqpay(liqpay("demo-liqpay-public-esplus", id, "success",
                "\"amount\":425.0,\"currency\":\"RUB\"")).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        // a partial refund made in LiqPay's console: the payment's amount, and what was given back
        ProviderCallbacks.liqpay(liqpay("demo-liqpay-public-esplus", id, "reversed",
                "\"amount\":425.0,\"refund_amount\":100.0,\"currency\":\"RUB\"")).then().statusCode(200);
        JsonPath partly = PaymentsApi.awaitStatus(id, "partially_refunded");
        assertThat(partly.getLong("refunded.value")).isEqualTo(10000);
        assertThat(movements(id)).isEqualTo(-32500);
        ProviderCallbacks.liqpay(liqpay("demo-liqpay-public-esplus", id, "reversed",
                "\"amount\":425.0,\"currency\":\"RUB\"")).then().statusCode(200);
        assertThat(reviewKinds(id)).containsExactly("refund_amount_unknown");
        assertThat(PaymentsApi.get(id).getLong("refunded.value")).isEqualTo(10000);
    }

    private String yooPaymentAt(String supplier, String account, String provider, String currency) {
        return (String) Fixtures.waitingPayment(ds, supplier, account, provider, 42500, currency).get("id");
    }
}
