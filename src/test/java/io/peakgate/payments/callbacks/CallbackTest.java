package io.peakgate.payments.callbacks;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Provider callbacks end to end: signatures verified on the raw bytes (tampered, wrong key:
 * 401 and nothing stored), replays and reorderings change nothing, mismatched amounts go to review.
 * The signatures here are computed independently of the gateway's code.
 * Over 250 lines on purpose: the callback inbox's cases for every provider, sharing one running gateway and its signing helpers.
 */
@QuarkusTest
class CallbackTest {

    @Inject
    AgroalDataSource ds;

    private String account() {
        return Fixtures.esplusAccount(ds, "E-9", 1000);
    }

    private long inbox(String provider) {
        return Fixtures.count(ds, "SELECT count(*) FROM callback_inbox WHERE provider = ?", provider);
    }

    private long transitionsTo(String paymentId, String status) {
        return Fixtures.count(ds, "SELECT count(*) FROM payment_transition WHERE payment_id = ?::uuid AND to_status = ?",
                paymentId, status);
    }

    @Test
    void aHundredDuplicateAndReorderedCallbacksGiveOneTransitionAndOneEvent() throws Exception {
        String account = account();
        JsonPath created = PaymentsApi.card(account, 42500, "4111111111111111");
        String id = created.getString("id");
        String base = "{\"paymentId\":\"" + id + "\",\"amount\":42500,\"currency\":\"RUB\",\"providerRef\":\"sbx_x\",";
        String succeeded = base + "\"eventId\":\"evt-final\",\"status\":\"succeeded\"}";
        String processing = base + "\"eventId\":\"evt-processing\",\"status\":\"processing\"}";
        String lateFailed = base + "\"eventId\":\"evt-late\",\"status\":\"failed\",\"failureCode\":\"late\"}";
        // 50 before the payment is final: the success, its duplicates and a reordered "processing"
        List<String> early = new ArrayList<>();
        early.addAll(Collections.nCopies(35, succeeded));
        early.addAll(Collections.nCopies(15, processing));
        Collections.shuffle(early, new java.util.Random(7));
        sendConcurrently(early);
        PaymentsApi.awaitStatus(id, "succeeded");
        // 50 after it: more duplicates, stale "processing" and a late "failed" that must not overturn it
        List<String> late = new ArrayList<>();
        late.addAll(Collections.nCopies(20, succeeded));
        late.addAll(Collections.nCopies(10, processing));
        late.addAll(Collections.nCopies(20, lateFailed));
        Collections.shuffle(late, new java.util.Random(11));
        sendConcurrently(late);
        PaymentsApi.awaitStatus(id, "succeeded");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM callback_inbox WHERE payment_ref = ? AND status = 'received'", id) == 0);
        assertThat(transitionsTo(id, "succeeded")).isEqualTo(1);
        assertThat(transitionsTo(id, "failed")).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM callback_inbox WHERE payment_ref = ?", id)).isEqualTo(3);
        assertThat(KafkaTopic.records(Topics.PAYMENTS, r -> r.value().contains(id), 1, Duration.ofSeconds(20),
                Duration.ofSeconds(2))).hasSize(1);
    }

    private static void sendConcurrently(List<String> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> sent = bodies.stream()
                    .map(b -> CompletableFuture.supplyAsync(() -> PaymentsApi.sandboxCallback(b).statusCode(), pool)).toList();
            for (CompletableFuture<Integer> f : sent) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSandboxCanBeToldToMisbehave() {
        JsonPath created = PaymentsApi.card(account(), 42500, "4111111111111111");
        String id = created.getString("id");
        RestAssured.given().formParam("code", "111111").formParam("duplicates", 5).formParam("outOfOrder", "true")
                .when().post(created.getString("action.url")).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM callback_inbox WHERE payment_ref = ? AND status = 'processed'", id) == 3);
        assertThat(transitionsTo(id, "succeeded")).isEqualTo(1);
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void anAmountThatDoesNotMatchIsFlaggedNotApplied() {
        JsonPath created = PaymentsApi.card(account(), 42500, "4111111111111111");
        String id = created.getString("id");
        PaymentsApi.sandboxCallback("{\"eventId\":\"evt-short\",\"paymentId\":\"" + id
                + "\",\"status\":\"succeeded\",\"amount\":100,\"currency\":\"RUB\"}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentsApi.get(id).getBoolean("needsReview"));
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("requires_action");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM reconciliation_item WHERE payment_id = ?::uuid AND kind = 'amount_mismatch'",
                id)).isEqualTo(1);
    }

    @Test
    void unsignedStaleAndUnknownCallbacksAreRefused() {
        long before = inbox("sandbox");
        String body = "{\"eventId\":\"e\",\"paymentId\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"succeeded\"}";
        RestAssured.given().contentType("application/json").body(body).when().post("/v1/callbacks/sandbox")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("callback.signature_invalid"));
        String old = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
        RestAssured.given().contentType("application/json").header("X-Sandbox-Timestamp", old)
                .header("X-Sandbox-Signature", PaymentsApi.sandboxSignature(old, body)).body(body)
                .when().post("/v1/callbacks/sandbox").then().statusCode(401).body("code", equalTo("callback.stale"));
        RestAssured.given().body("x").when().post("/v1/callbacks/nobody").then().statusCode(404)
                .body("code", equalTo("callback.provider_unknown"));
        assertThat(inbox("sandbox")).isEqualTo(before);
    }

    // ---------------------------------------------------------------- LiqPay

    private static String liqpaySignature(String privateKey, String data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((privateKey + data + privateKey).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void liqpay() throws Exception {
        String created = io.peakgate.support.Api.write()
                .body(PaymentsApi.hostedCardBody("esplus", account(), 42500, "RUB", "liqpay"))
                .when().post("/v1/payments").then().statusCode(201).extract().asString();
        JsonPath p = JsonPath.from(created);
        assertThat(p.getString("action.url")).startsWith("https://www.liqpay.ua/api/3/checkout?data=");
        String id = p.getString("id");
        String json = "{\"public_key\":\"demo-liqpay-public-esplus\",\"version\":3,\"action\":\"pay\",\"status\":\"success\","
                + "\"order_id\":\"" + id + "\",\"payment_id\":2460231630,\"amount\":425.0,\"currency\":\"RUB\","
                + "\"end_date\":" + Instant.now().toEpochMilli() + "}";
        String data = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String good = liqpaySignature("demo-liqpay-private-key", data);
        long before = inbox("liqpay");
        // tampered: the data changed after signing
        String tampered = Base64.getEncoder().encodeToString(json.replace("425.0", "1.0").getBytes(StandardCharsets.UTF_8));
        liqpayPost(tampered, good).then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        // signed with another key
        liqpayPost(data, liqpaySignature("someone-elses-key", data)).then().statusCode(401);
        // the signature is checked before the data is decoded: garbage with a bad signature is not "malformed"
        liqpayPost("%%%not-base64{", "forged").then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        liqpayPost(Base64.getEncoder().encodeToString("[not json".getBytes(StandardCharsets.UTF_8)), "forged")
                .then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        // signed with a merchant's key but naming a public key that is no merchant's: refused as unsigned
        String foreign = Base64.getEncoder().encodeToString(json.replace("demo-liqpay-public-esplus", "someone-public")
                .getBytes(StandardCharsets.UTF_8));
        liqpayPost(foreign, liqpaySignature("demo-liqpay-private-key", foreign)).then().statusCode(401)
                .body("code", equalTo("callback.signature_invalid"));
        assertThat(inbox("liqpay")).isEqualTo(before);
        liqpayPost(data, good).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        // a replay is acknowledged and changes nothing
        liqpayPost(data, good).then().statusCode(200);
        assertThat(inbox("liqpay")).isEqualTo(before + 1);
        assertThat(transitionsTo(id, "succeeded")).isEqualTo(1);
    }

    private static io.restassured.response.Response liqpayPost(String data, String signature) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("data", data).formParam("signature", signature).when().post("/v1/callbacks/liqpay");
    }

    // ---------------------------------------------------------------- T-Bank

    private static String tbankToken(Map<String, Object> fields, String password) throws Exception {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> sorted.put(k, String.valueOf(v)));
        sorted.put("Password", password);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(String.join("", sorted.values()).getBytes(StandardCharsets.UTF_8)));
    }

    private static String tbankJson(Map<String, Object> fields, String token) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append('"').append(k).append("\":")
                .append(v instanceof String ? "\"" + v + "\"" : v).append(','));
        return json.append("\"Token\":\"").append(token).append("\"}").toString();
    }

    @Test
    void tbank() throws Exception {
        Map<String, Object> payment = Fixtures.waitingPayment(ds, "esplus", account(), "tbank", 42500, "RUB");
        String id = (String) payment.get("id");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("TerminalKey", "DemoTerminalEsplus");
        fields.put("OrderId", id);
        fields.put("Success", true);
        fields.put("Status", "CONFIRMED");
        fields.put("PaymentId", 8742591);
        fields.put("ErrorCode", "0");
        fields.put("Amount", 42500);
        fields.put("Pan", "430000******0777");
        String token = tbankToken(fields, "demo-tbank-password");
        long before = inbox("tbank");
        String good = tbankJson(fields, token);
        tbankPost(good.replace("42500", "100")).then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        tbankPost(tbankJson(fields, tbankToken(fields, "wrong-password"))).then().statusCode(401);
        assertThat(inbox("tbank")).isEqualTo(before);
        tbankPost(good).then().statusCode(200).body(equalTo("OK"));
        PaymentsApi.awaitStatus(id, "succeeded");
        tbankPost(good).then().statusCode(200).body(equalTo("OK"));
        assertThat(inbox("tbank")).isEqualTo(before + 1);
        assertThat(transitionsTo(id, "succeeded")).isEqualTo(1);
    }

    private static io.restassured.response.Response tbankPost(String json) {
        return RestAssured.given().contentType("application/json").body(json).when().post("/v1/callbacks/tbank");
    }

    // ---------------------------------------------------------------- YooMoney

    private static String yoomoneyHash(Map<String, String> f, String secret) throws Exception {
        String line = String.join("&", f.get("notification_type"), f.get("operation_id"), f.get("amount"),
                f.get("currency"), f.get("datetime"), f.get("sender"), f.get("codepro"), secret, f.get("label"));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void yoomoney() throws Exception {
        String viaYoo = io.peakgate.support.Api.write().body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":42500,"currency":"RUB"},
                         "method":{"type":"wallet","provider":"yoomoney"},"provider":"yoomoney"}""".formatted(account()))
                .when().post("/v1/payments").then().statusCode(201).extract().path("id");
        assertThat(PaymentsApi.get(viaYoo).getString("action.url")).startsWith("https://yoomoney.ru/quickpay/confirm?")
                .contains("label=" + viaYoo).contains("sum=425.00");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("notification_type", "p2p-incoming");
        form.put("operation_id", "904035776918098009");
        form.put("amount", "425.00");
        form.put("withdraw_amount", "425.00");
        form.put("currency", "643");
        form.put("datetime", Instant.now().toString());
        form.put("sender", "41001000040");
        form.put("codepro", "false");
        form.put("label", viaYoo);
        form.put("unaccepted", "false");
        form.put("test_notification", "false");
        String hash = yoomoneyHash(form, "demo-yoomoney-secret");
        long before = inbox("yoomoney");
        Map<String, String> tampered = new java.util.LinkedHashMap<>(form);
        tampered.put("withdraw_amount", "1.00");
        tampered.put("amount", "0.99");
        yooPost(tampered, hash).then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        yooPost(form, yoomoneyHash(form, "not-the-secret")).then().statusCode(401);
        assertThat(inbox("yoomoney")).isEqualTo(before);
        yooPost(form, hash).then().statusCode(200);
        PaymentsApi.awaitStatus(viaYoo, "succeeded");
        yooPost(form, hash).then().statusCode(200);
        assertThat(inbox("yoomoney")).isEqualTo(before + 1);
        assertThat(transitionsTo(viaYoo, "succeeded")).isEqualTo(1);
    }

    private static io.restassured.response.Response yooPost(Map<String, String> form, String hash) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).formParam("sha1_hash", hash).when().post("/v1/callbacks/yoomoney");
    }

    // ---------------------------------------------------------------- WebMoney

    private static String webmoneyHash(Map<String, String> f, String secret) throws Exception {
        return webmoneyHash(f, secret, "SHA-256");
    }

    private static String webmoneyHash(Map<String, String> f, String secret, String algorithm) throws Exception {
        String line = f.get("LMI_PAYEE_PURSE") + f.get("LMI_PAYMENT_AMOUNT") + f.get("LMI_PAYMENT_NO") + f.get("LMI_MODE")
                + f.get("LMI_SYS_INVS_NO") + f.get("LMI_SYS_TRANS_NO") + f.get("LMI_SYS_TRANS_DATE") + secret
                + f.get("LMI_PAYER_PURSE") + f.get("LMI_PAYER_WM");
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                .digest(line.getBytes(StandardCharsets.UTF_8))).toUpperCase();
    }

    @Test
    void webmoney() throws Exception {
        String account = account();
        JsonPath p = io.peakgate.support.Api.write().body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":42500,"currency":"RUB"},
                         "method":{"type":"wallet","provider":"webmoney"},"provider":"webmoney"}""".formatted(account))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        String id = p.getString("id");
        assertThat(p.getString("action.url")).startsWith("https://merchant.webmoney.ru/lmi/payment.asp?")
                .contains("LMI_PAYMENT_NO=" + p.getLong("number"));
        long number = p.getLong("number");
        assertThat(preRequest("P000000000001", "425.00", number)).isEqualTo("YES");
        // not its amount, not its purse's supplier, no such payment, no purse of ours
        assertThat(preRequest("P000000000001", "1.00", number)).startsWith("ERR: ").contains("425.00");
        assertThat(preRequest("P000000000003", "425.00", number)).startsWith("ERR: ");
        assertThat(preRequest("P000000000001", "425.00", number + 1_000_000)).startsWith("ERR: ");
        assertThat(preRequest("P999", "425.00", number)).startsWith("ERR: ");
        assertThat(preRequest("P000000000001", "abc", number)).startsWith("ERR: ");
        Map<String, String> form = webmoneyResult("P000000000001", "425.00", number);
        String hash = webmoneyHash(form, "demo-webmoney-secret");
        long before = inbox("webmoney");
        Map<String, String> tampered = new java.util.LinkedHashMap<>(form);
        tampered.put("LMI_PAYMENT_AMOUNT", "1.00");
        wmPost(tampered, hash).then().statusCode(401).body("code", equalTo("callback.signature_invalid"));
        wmPost(form, webmoneyHash(form, "wrong-secret")).then().statusCode(401);
        // the purse is configured for SHA-256: a (weaker) MD5 hash is not tried, however right it is
        wmPost(form, webmoneyHash(form, "demo-webmoney-secret", "MD5")).then().statusCode(401)
                .body("code", equalTo("callback.signature_invalid"));
        assertThat(inbox("webmoney")).isEqualTo(before);
        wmPost(form, hash).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        wmPost(form, hash).then().statusCode(200);
        assertThat(inbox("webmoney")).isEqualTo(before + 1);
        assertThat(transitionsTo(id, "succeeded")).isEqualTo(1);
        assertThat(preRequest("P000000000001", "425.00", number)).as("already paid").startsWith("ERR: ");
    }

    @Test
    void webmoneyWithAPurseConfiguredForMd5() throws Exception {
        String account = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 100, 50);
        JsonPath p = io.peakgate.support.Api.write().body("""
                        {"supplier":"kyivenergo","account":"%s","amount":{"value":15000,"currency":"UAH"},
                         "method":{"type":"wallet","provider":"webmoney"},"provider":"webmoney"}""".formatted(account))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        Map<String, String> form = webmoneyResult("U000000000002", "150.00", p.getLong("number"));
        wmPost(form, webmoneyHash(form, "demo-webmoney-secret", "SHA-256")).then().statusCode(401);
        wmPost(form, webmoneyHash(form, "demo-webmoney-secret", "MD5")).then().statusCode(200);
        PaymentsApi.awaitStatus(p.getString("id"), "succeeded");
    }

    @Test
    void webmoneyTestModeMoneyIsRefusedAndFlaggedForALiveSupplier() throws Exception {
        Map<String, Object> payment = Fixtures.waitingPayment(ds, "esplus", account(), "webmoney", 42500, "RUB");
        Map<String, String> form = webmoneyResult("P000000000001", "425.00", (Long) payment.get("number"));
        form.put("LMI_MODE", "1");
        wmPost(form, webmoneyHash(form, "demo-webmoney-secret", "SHA-256")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM reconciliation_item WHERE payment_id = ?::uuid AND kind = 'test_mode_money'",
                payment.get("id")) == 1);
        assertThat(PaymentsApi.get((String) payment.get("id")).getString("status")).isEqualTo("requires_action");
    }

    /** A result notification's fields (without LMI_HASH) for a payment number paid into a purse, sent now. */
    private static Map<String, String> webmoneyResult(String purse, String amount, long number) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("LMI_PAYEE_PURSE", purse);
        form.put("LMI_PAYMENT_AMOUNT", amount);
        form.put("LMI_PAYMENT_NO", Long.toString(number));
        form.put("LMI_MODE", "0");
        form.put("LMI_SYS_INVS_NO", "897");
        form.put("LMI_SYS_TRANS_NO", "892" + System.nanoTime() % 100000);
        form.put("LMI_SYS_TRANS_DATE", ZonedDateTime.now(ZoneId.of("Europe/Moscow"))
                .format(DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss")));
        form.put("LMI_PAYER_PURSE", purse.charAt(0) + "366393600555");
        form.put("LMI_PAYER_WM", "404521188333");
        return form;
    }

    private static String preRequest(String purse, String amount, long number) {
        return RestAssured.given().formParam("LMI_PREREQUEST", "1").formParam("LMI_PAYEE_PURSE", purse)
                .formParam("LMI_PAYMENT_AMOUNT", amount).formParam("LMI_PAYMENT_NO", number)
                .when().post("/v1/callbacks/webmoney").then().statusCode(200).extract().asString();
    }

    private static io.restassured.response.Response wmPost(Map<String, String> form, String hash) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).formParam("LMI_HASH", hash).when().post("/v1/callbacks/webmoney");
    }
}
