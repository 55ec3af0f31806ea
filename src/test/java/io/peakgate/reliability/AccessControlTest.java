package io.peakgate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Access control as a caller sees it (OWASP API Security Top 10: object- and function-level
 * authorisation, mass assignment, broken authentication). What other tests already prove is not
 * repeated: the aggregator's linked accounts (AccountsTest), another supplier's payment by id
 * (PaymentFlowTest), each provider's tampered callback leaving the inbox empty (CallbackTest).
 * Over 250 lines on purpose: the sweep of every operation against every kind of caller is one table and its checks.
 */
@QuarkusTest
class AccessControlTest {

    @Inject
    AgroalDataSource ds;

    private static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private String client(String suppliers, String scopes) {
        String id = "ac-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        Fixtures.apiClient(ds, id, key, suppliers, scopes);
        return key;
    }

    private static String missingEsplusAccount() {
        return "78" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    /**
     * The answer with the account asked for replaced by a placeholder, and without {@code instance} (the
     * request's own path): what is left must not depend on whether the account exists.
     */
    private static Map<String, Object> normalised(Response r, String account) {
        Map<String, Object> body = new LinkedHashMap<>(r.jsonPath().getMap(""));
        body.remove("instance");
        body.replaceAll((k, v) -> v instanceof String s ? s.replace(account, "{account}") : v);
        body.put("httpStatus", r.statusCode());
        body.put("contentType", r.contentType());
        return body;
    }

    /**
     * Every operation of the OpenAPI document a key must authenticate for, called with a publishable key
     * and with a verification token: each reaches only what its kind of key allows, and changes nothing.
     */
    @Test
    void publishableKeysAndVerificationTokensReachOnlyTheirOperations() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String token = RestAssured.given().header("Authorization", "Bearer demo-portal-publishable-key")
                .contentType("application/json").body("{\"account\":\"" + account + "\",\"surname\":\"test\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(200).extract().path("token");
        Map<String, Set<String>> allowed = Map.of(
                "demo-portal-publishable-key", Set.of("POST /v1/tokens", "POST /v1/suppliers/{supplier}/verify"),
                token, Set.of("GET /v1/suppliers/{supplier}/accounts/{account}/balance",
                        "POST /v1/suppliers/{supplier}/accounts/{account}/readings"));
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi").asString());
        List<ApiOperation> secured = ApiOperation.all(doc).stream().filter(ApiOperation::secured)
                .filter(op -> op.path().startsWith("/v1/")).toList();
        assertThat(secured).hasSizeGreaterThan(15);
        long before = Fixtures.count(ds, "SELECT count(*) FROM payment") + Fixtures.readings(ds, "esplus", account);
        for (Map.Entry<String, Set<String>> key : allowed.entrySet()) {
            for (ApiOperation op : secured) {
                if (allowed.get(key.getKey()).contains(op.toString())) {
                    continue;
                }
                String path = op.path().replace("{supplier}", "esplus").replace("{account}", account)
                        .replace("{id}", UUID.randomUUID().toString()).replace("{subscriber}", "sub-1")
                        .replace("{token}", "card_x").replace("{provider}", "sandbox").replace("{date}", "2026-11-01");
                Response r = as(key.getKey()).header("X-Subscriber", "sub-1")
                        .contentType(op.mediaType() == null ? "application/json" : op.mediaType())
                        .body(op.takesBody() && !op.takesJsonObject() ? "x" : "{}").request(op.method(), path);
                assertThat(r.statusCode()).as("%s with a %s", op, key.getKey().startsWith("vt_") ? "verification token"
                        : "publishable key").isEqualTo(403);
                assertThat(r.jsonPath().getString("code")).as(op.toString()).isEqualTo("auth.key_kind_forbidden");
            }
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment") + Fixtures.readings(ds, "esplus", account))
                .isEqualTo(before);
    }

    @Test
    void aKeyForOneSupplierCannotReadOrWriteAnothersAndLearnsNothingAboutItsAccounts() {
        String kyiv = client("kyivenergo", "readings:write readings:read payments:write payments:refund cards:manage accounts:read");
        String existing = Fixtures.esplusAccount(ds, "E-9", 1000);
        String missing = missingEsplusAccount();
        List<Function<String, Response>> calls = List.of(
                a -> as(kyiv).when().get("/v1/suppliers/esplus/accounts/" + a + "/balance"),
                a -> as(kyiv).when().get("/v1/suppliers/esplus/accounts/" + a + "/operations"),
                a -> as(kyiv).accept("text/csv").when().get("/v1/suppliers/esplus/accounts/" + a + "/statement"),
                a -> as(kyiv).body(reading("E-9", "T1", 1500)).when().post(readingsPath("esplus", a)),
                a -> as(kyiv).body("{\"readings\":[{\"account\":\"" + a + "\",\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":1500}]}]}")
                        .when().post("/v1/suppliers/esplus/readings/batch"),
                a -> as(kyiv).body(PaymentsApi.cardBody("esplus", a, 10000, "RUB", "4111111111111111", null))
                        .when().post("/v1/payments"),
                a -> as(kyiv).body("{\"account\":\"" + a + "\",\"surname\":\"Test\"}").when().post("/v1/suppliers/esplus/verify"),
                a -> as(kyiv).body("{\"supplier\":\"esplus\",\"account\":\"" + a + "\",\"surname\":\"Test\"}")
                        .when().post("/v1/subscribers/sub-" + UUID.randomUUID() + "/accounts"));
        for (Function<String, Response> call : calls) {
            Response toExisting = call.apply(existing);
            Response toMissing = call.apply(missing);
            toExisting.then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("auth.supplier_forbidden"));
            assertThat(normalised(toExisting, existing)).isEqualTo(normalised(toMissing, missing));
            assertThat(normalised(toExisting, existing).toString()).doesNotContain("Test street").doesNotContain("holder");
        }
        assertThat(Fixtures.readings(ds, "esplus", existing)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", existing)).isZero();
    }

    @Test
    void anotherSuppliersPaymentCannotBeRefundedAndLooksLikeNoPayment() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        JsonPath paid = PaymentsApi.card(account, 10000, "4111111111111111");
        PaymentsApi.answerChallenge(paid.getString("action.url"), "111111");
        String id = PaymentsApi.awaitStatus(paid.getString("id"), "succeeded").getString("id");
        String kyiv = client("kyivenergo", "payments:write payments:refund");
        String refund = "{\"amount\":{\"value\":100,\"currency\":\"RUB\"}}";
        Response theirs = as(kyiv).body(refund).when().post("/v1/payments/" + id + "/refunds");
        String nobody = UUID.randomUUID().toString();
        Response nobodys = as(kyiv).body(refund).when().post("/v1/payments/" + nobody + "/refunds");
        theirs.then().statusCode(404).body("code", equalTo("payment.not_found"));
        assertThat(normalised(theirs, id)).isEqualTo(normalised(nobodys, nobody));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM refund WHERE payment_id = ?::uuid", id)).isZero();
        assertThat(PaymentsApi.get(id).getLong("refunded.value")).isZero();
    }

    @Test
    void anAggregatorCannotActOnAnAccountItsSubscriberDidNotLink() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String missing = missingEsplusAccount();
        String subscriber = "agg-" + UUID.randomUUID();
        List<Function<String, Response>> calls = List.of(
                a -> aggregator(subscriber).when().get("/v1/suppliers/esplus/accounts/" + a + "/operations"),
                a -> aggregator(subscriber).accept("text/csv").when().get("/v1/suppliers/esplus/accounts/" + a + "/statement"),
                a -> aggregator(subscriber).body(PaymentsApi.cardBody("esplus", a, 10000, "RUB", "4111111111111111", null))
                        .when().post("/v1/payments"));
        for (Function<String, Response> call : calls) {
            Response unlinked = call.apply(account);
            Response absent = call.apply(missing);
            unlinked.then().statusCode(404).contentType("application/problem+json").body("code", equalTo("account.not_found"));
            assertThat(normalised(unlinked, account)).isEqualTo(normalised(absent, missing));
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isZero();
    }

    private static RequestSpecification aggregator(String subscriber) {
        return as("demo-aggregator-portal-key").header("X-Subscriber", subscriber);
    }

    @Test
    void serverOwnedFieldsInARequestAreRefused() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String body = PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null);
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put("id", "\"" + UUID.randomUUID() + "\"");
        owned.put("status", "\"succeeded\"");
        owned.put("number", "1");
        owned.put("captured", "{\"value\":10000,\"currency\":\"RUB\"}");
        owned.put("refunded", "{\"value\":0,\"currency\":\"RUB\"}");
        owned.put("refundedAmount", "0");
        owned.put("providerRef", "\"sbx_forged\"");
        owned.put("providerReference", "\"sbx_forged\"");
        owned.put("needsReview", "false");
        owned.put("clientId", "\"demo-portal\"");
        for (Map.Entry<String, String> field : owned.entrySet()) {
            String withField = body.substring(0, body.lastIndexOf('}')) + ",\"" + field.getKey() + "\":" + field.getValue() + "}";
            write().body(withField).when().post("/v1/payments").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("request.unknown_field"))
                    .body("errors[0].field", equalTo(field.getKey()));
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isZero();

        JsonPath paid = PaymentsApi.card(account, 10000, "4111111111111111");
        PaymentsApi.answerChallenge(paid.getString("action.url"), "111111");
        String id = PaymentsApi.awaitStatus(paid.getString("id"), "succeeded").getString("id");
        for (String extra : List.of("\"status\":\"succeeded\"", "\"providerRef\":\"x\"", "\"refunded\":{\"value\":1,\"currency\":\"RUB\"}",
                "\"id\":\"" + UUID.randomUUID() + "\"")) {
            write().body("{\"amount\":{\"value\":100,\"currency\":\"RUB\"}," + extra + "}")
                    .when().post("/v1/payments/" + id + "/refunds").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("request.unknown_field"));
        }
        assertThat(PaymentsApi.get(id).getLong("refunded.value")).isZero();
        for (String extra : List.of("\"id\":\"r-1\"", "\"status\":\"accepted\"", "\"period\":\"2026-01\"")) {
            write().body("{\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":1500}]," + extra + "}")
                    .when().post(readingsPath("esplus", account)).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("request.unknown_field"));
        }
        assertThat(Fixtures.readings(ds, "esplus", account)).isZero();
    }

    @Test
    void refundsAndCardManagementNeedTheirOwnScope() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        JsonPath paid = PaymentsApi.card(account, 10000, "4111111111111111");
        PaymentsApi.answerChallenge(paid.getString("action.url"), "111111");
        String id = PaymentsApi.awaitStatus(paid.getString("id"), "succeeded").getString("id");
        String payer = client("esplus", "payments:write accounts:read");
        as(payer).body("{\"amount\":{\"value\":100,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + id + "/refunds")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("auth.scope_missing"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM refund WHERE payment_id = ?::uuid", id)).isZero();
        as(payer).when().get("/v1/subscribers/sub-1/cards").then().statusCode(403).body("code", equalTo("auth.scope_missing"));
        as(payer).when().post("/v1/subscribers/sub-1/cards/revoke-all").then().statusCode(403)
                .body("code", equalTo("auth.scope_missing"));
        as(payer).when().delete("/v1/subscribers/sub-1/cards/card_x").then().statusCode(403)
                .body("code", equalTo("auth.scope_missing"));
        String reader = client("esplus", "accounts:read");
        as(reader).body(reading("E-9", "T1", 1500)).when().post(readingsPath("esplus", account)).then().statusCode(403)
                .body("code", equalTo("auth.scope_missing"));
        as(reader).body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(403).body("code", equalTo("auth.scope_missing"));
        assertThat(Fixtures.readings(ds, "esplus", account)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE account = ?", account)).isEqualTo(1);
    }

    @Test
    void forgedCallbacksChangeNoPayment() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
        for (String provider : List.of("sandbox", "liqpay", "tbank", "yoomoney", "webmoney")) {
            waiting.put(provider, Fixtures.waitingPayment(ds, "esplus", account, provider, 42500, "RUB"));
        }
        long before = changes(account);
        String sandboxId = (String) waiting.get("sandbox").get("id");
        String sandbox = "{\"eventId\":\"ev-" + UUID.randomUUID() + "\",\"paymentId\":\"" + sandboxId
                + "\",\"status\":\"succeeded\",\"amount\":42500,\"currency\":\"RUB\",\"providerRef\":\"sbx_forged\"}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        List<Response> answers = new ArrayList<>();
        answers.add(RestAssured.given().contentType("application/json").body(sandbox).when().post("/v1/callbacks/sandbox"));
        answers.add(RestAssured.given().contentType("application/json").header("X-Sandbox-Timestamp", ts)
                .header("X-Sandbox-Signature", "sha256=" + "0".repeat(64)).body(sandbox).when().post("/v1/callbacks/sandbox"));
        String liqpayJson = "{\"public_key\":\"demo-liqpay-public-esplus\",\"version\":3,\"action\":\"pay\",\"status\":\"success\","
                + "\"order_id\":\"" + waiting.get("liqpay").get("id") + "\",\"payment_id\":1,\"amount\":425.0,\"currency\":\"RUB\"}";
        String data = Base64.getEncoder().encodeToString(liqpayJson.getBytes(StandardCharsets.UTF_8));
        answers.add(RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("data", data)
                .formParam("signature", Base64.getEncoder().encodeToString(sha("SHA-1", "guess" + data + "guess")))
                .when().post("/v1/callbacks/liqpay"));
        answers.add(RestAssured.given().contentType("application/json").body("{\"TerminalKey\":\"DemoTerminalEsplus\",\"OrderId\":\""
                        + waiting.get("tbank").get("id") + "\",\"Success\":true,\"Status\":\"CONFIRMED\",\"PaymentId\":1,"
                        + "\"ErrorCode\":\"0\",\"Amount\":42500,\"Token\":\"" + HexFormat.of().formatHex(sha("SHA-256", "guess")) + "\"}")
                .when().post("/v1/callbacks/tbank"));
        answers.add(RestAssured.given().contentType("application/x-www-form-urlencoded")
                .formParam("notification_type", "p2p-incoming").formParam("operation_id", "1").formParam("amount", "425.00")
                .formParam("withdraw_amount", "425.00").formParam("currency", "643").formParam("datetime", "2026-11-23T10:00:00Z")
                .formParam("sender", "41001000040").formParam("codepro", "false").formParam("label", waiting.get("yoomoney").get("id"))
                .formParam("sha1_hash", HexFormat.of().formatHex(sha("SHA-1", "guess"))).when().post("/v1/callbacks/yoomoney"));
        answers.add(RestAssured.given().contentType("application/x-www-form-urlencoded")
                .formParam("LMI_PAYEE_PURSE", "P000000000001").formParam("LMI_PAYMENT_AMOUNT", "425.00")
                .formParam("LMI_PAYMENT_NO", waiting.get("webmoney").get("number")).formParam("LMI_MODE", "1")
                .formParam("LMI_SYS_INVS_NO", "1").formParam("LMI_SYS_TRANS_NO", "1").formParam("LMI_SYS_TRANS_DATE", "20261123 10:00:00")
                .formParam("LMI_PAYER_PURSE", "P1").formParam("LMI_PAYER_WM", "1")
                .formParam("LMI_HASH", HexFormat.of().formatHex(sha("SHA-256", "guess")).toUpperCase())
                .when().post("/v1/callbacks/webmoney"));
        for (Response answer : answers) {
            answer.then().statusCode(401).contentType("application/problem+json").body("code", equalTo("callback.signature_invalid"));
        }
        for (Map<String, Object> payment : waiting.values()) {
            assertThat(PaymentsApi.get((String) payment.get("id")).getString("status")).isNotEqualTo("succeeded");
        }
        assertThat(changes(account)).isEqualTo(before);
    }

    @Test
    void unsignedSmsAndUnauthenticatedAgentsChangeNothing() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        long before = changes(account);
        String id = "msg-" + UUID.randomUUID();
        for (String text : List.of("esplus " + account + " pok 1500", "esplus " + account + " 100")) {
            String body = "{\"messageId\":\"" + id + "\",\"from\":\"+79160000001\",\"to\":\"3116\",\"text\":\"" + text
                    + "\",\"receivedAt\":\"" + java.time.Instant.now() + "\"}";
            String forged = "sha256=" + HexFormat.of().formatHex(hmac("not-the-secret", body));
            // the aggregator's protocol: a 200 with a reply (nothing carried out), see SmsRefusals
            RestAssured.given().contentType("application/json").header("X-Signature", forged).body(body)
                    .when().post("/v1/sms/demo-sms/inbound").then().statusCode(200).contentType("application/json")
                    .body("code", equalTo("sms.signature_invalid"));
        }
        for (String auth : List.of("Basic " + Base64.getEncoder().encodeToString("demo-agent:guess".getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString("other-agent:demo-agent-secret".getBytes(StandardCharsets.UTF_8)),
                "Bearer demo-portal-key")) {
            String answer = RestAssured.given().header("Authorization", auth)
                    .when().get("/v1/agents/demo-agent/pay?command=pay&txn_id=" + System.nanoTime() % 1_000_000_000
                            + "&txn_date=20261123103000&account=" + account + "&sum=100.00&supplier=esplus")
                    .then().statusCode(200).contentType("application/xml").extract().asString();
            assertThat(answer).contains("<result>8</result>");
        }
        assertThat(changes(account)).isEqualTo(before);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE idem_key LIKE ?", "%" + id + "%")).isZero();
    }

    @Test
    void apiKeysAreStoredOnlyAsTheirHash() throws Exception {
        String key = client("esplus", "accounts:read");
        List<String> clear = List.of(key, "demo-portal-key", "demo-aggregator-portal-key");
        List<String> found = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (String table : List.of("api_client", "api_key")) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String value = String.valueOf(rs.getObject(i));
                        clear.stream().filter(value::contains).forEach(k -> found.add(table + ": " + k));
                    }
                    if (table.equals("api_key")) {
                        hashes.add(rs.getString("hash"));
                    }
                }
            }
        }
        assertThat(found).as("clear API keys in api_client and api_key").isEmpty();
        assertThat(hashes).contains(HexFormat.of().formatHex(sha("SHA-256", key)));
        as(key).when().get("/v1/suppliers/esplus/accounts/" + missingEsplusAccount() + "/balance").then().statusCode(404);
        // the stored hash itself is not a key
        as(HexFormat.of().formatHex(sha("SHA-256", key))).when().get("/v1/suppliers/esplus/accounts/1/balance")
                .then().statusCode(401).body("code", equalTo("auth.invalid"));
    }

    /** Rows that a payment, reading or callback for {@code account} would add or change. */
    private long changes(String account) {
        return Fixtures.count(ds, """
                SELECT (SELECT count(*) FROM payment WHERE account = ?)
                     + (SELECT count(*) FROM payment WHERE account = ? AND status IN ('succeeded', 'partially_refunded', 'refunded'))
                     + (SELECT count(*) FROM payment_transition t JOIN payment p ON p.id = t.payment_id
                        WHERE p.account = ? AND t.to_status = 'succeeded')
                     + (SELECT count(*) FROM callback_inbox i JOIN payment p ON i.payment_ref IN (p.id::text, p.number::text)
                        WHERE p.account = ?)
                     + (SELECT count(*) FROM reading r JOIN account a ON a.id = r.account_id WHERE a.number = ?)
                     + (SELECT count(*) FROM outbox WHERE kafka_key LIKE ? OR payload LIKE ?)""",
                account, account, account, account, account, "%" + account + "%", "%" + account + "%");
    }

    private static byte[] sha(String algorithm, String text) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
