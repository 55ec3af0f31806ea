package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Management;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Balances, verification without registration, access, history and statements, with the real services.
 * Over 250 lines on purpose: the accounts API's cases (balance, history, statement, verification) against one running gateway.
 */
@QuarkusTest
class AccountsTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    /** Publishes a balance snapshot as billing does. */
    private static void snapshot(String supplier, String account, long debt, String currency, String lastEventId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String body = "{\"supplier\":\"%s\",\"account\":\"%s\",\"debt\":{\"value\":%d,\"currency\":\"%s\"},\"asOf\":\"%s\",\"lastEventId\":%s}"
                .formatted(supplier, account, debt, currency, OffsetDateTime.now(), lastEventId == null ? "null" : "\"" + lastEventId + "\"");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("billing.balances.v1", supplier + ":" + account, body)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath balance(RequestSpecification as, String supplier, String account) {
        return as.when().get("/v1/suppliers/" + supplier + "/accounts/" + account + "/balance")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String smsPay(String account, String amount) {
        String body = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"from\":\"+7900" + (System.nanoTime() % 10_000_000)
                + "\",\"to\":\"3116\",\"text\":\"esplus " + account + " " + amount + "\",\"receivedAt\":\""
                + java.time.Instant.now() + "\"}";
        return RestAssured.given().contentType("application/json").header("X-Signature", io.peakgate.sms.SmsSigning.sign(body))
                .body(body).when().post("/v1/sms/demo-sms/inbound").then().statusCode(200).extract().path("reply");
    }

    @Test
    void aPaymentShowsAtOnceAndALaterSnapshotDoesNotCountItTwice() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        snapshot("esplus", account, 100_000, "RUB", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(portal(), "esplus", account).getLong("debt.value") == 100_000);
        assertThat(smsPay(account, "425")).startsWith("Платёж");
        JsonPath after = balance(portal(), "esplus", account);
        assertThat(after.getLong("debt.value")).isEqualTo(57_500);
        assertThat(after.getLong("billing.debt.value")).isEqualTo(100_000);
        String eventId = Fixtures.value(ds, "SELECT m.event_id::text FROM balance_movement m JOIN account a ON a.id = m.account_id WHERE a.number = ?",
                account).toString();
        snapshot("esplus", account, 57_500, "RUB", eventId);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(portal(), "esplus", account).getLong("billing.debt.value") == 57_500);
        assertThat(balance(portal(), "esplus", account).getLong("debt.value")).isEqualTo(57_500);
        assertThat(balance(portal(), "esplus", account).getLong("sinceSnapshot.value")).isZero();
    }

    @Test
    void aStampedeOnOneAccountIsOneDatabaseQuery() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        long id = ((Number) Fixtures.value(ds, "SELECT id FROM account WHERE supplier = 'esplus' AND number = ?", account)).longValue();
        redis.key().del("balance:" + id);
        double loadsBefore = metric("peakgate_balance_loads_total");
        double missesBefore = metric("peakgate_balance_misses_total");
        int requests = 200;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        // The gate: the balance query reads promised_payment, so it waits on this lock. Every request is let in
        // while the first fill is provably still in flight (not one has a cached figure to find), so the count
        // of queries does not depend on how fast the requests happen to arrive.
        try (Connection gate = ds.getConnection()) {
            gate.setAutoCommit(false);
            try (Statement lock = gate.createStatement()) {
                lock.execute("LOCK TABLE promised_payment IN ACCESS EXCLUSIVE MODE");
            }
            try {
                List<String> early = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int i = 0; i < requests; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        io.restassured.response.Response r = portal().when()
                                .get("/v1/suppliers/esplus/accounts/" + account + "/balance");
                        if (r.statusCode() != 200) {
                            early.add(r.statusCode() + " " + r.asString());
                        }
                        return r.statusCode();
                    }, pool));
                }
                // a request answered before the fill (e.g. refused) would never count as a miss: it is named
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    if (!early.isEmpty()) {
                        throw new AssertionError("answered while the fill was held: " + early);
                    }
                    return metric("peakgate_balance_misses_total") - missesBefore >= requests;
                });
                assertThat(metric("peakgate_balance_loads_total") - loadsBefore).as("fills started by %d misses", requests)
                        .isEqualTo(1);
            } finally {
                gate.rollback();
            }
        }
        for (CompletableFuture<Integer> c : calls) {
            assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(metric("peakgate_balance_loads_total") - loadsBefore).isEqualTo(1);
        balance(portal(), "esplus", account);
        assertThat(metric("peakgate_balance_loads_total") - loadsBefore).as("the filled cache answers the next request")
                .isEqualTo(1);
    }

    private static double metric(String name) {
        String metrics = Management.metrics();
        return metrics.lines().filter(l -> l.startsWith(name))
                .mapToDouble(Management::value).sum();
    }

    @Test
    void verificationCannotTellAMissingAccountFromAWrongSurname() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String missingAccount = "35" + account.substring(2);
        String wrong = portal().body("{\"account\":\"" + account + "\",\"surname\":\"Ivanov\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(422)
                .body("code", equalTo("verification.failed")).extract().asString();
        String missing = portal().body("{\"account\":\"" + missingAccount + "\",\"surname\":\"Ivanov\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(422).extract().asString();
        // the same answer, but for the occurrence each names (instance is its request id)
        assertThat(missing.replaceAll("\"instance\":\"[^\"]*\"", "")).isEqualTo(wrong.replaceAll("\"instance\":\"[^\"]*\"", ""));
        String token = portal().body("{\"account\":\"" + account + "\",\"surname\":\" TEST \"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(200).extract().path("token");
        RequestSpecification asSubscriber = RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
        balance(asSubscriber, "esplus", account);
        asSubscriber.when().get("/v1/suppliers/esplus/accounts/3300000001/balance").then().statusCode(404)
                .body("code", equalTo("account.not_found"));
        asSubscriber.when().get("/v1/suppliers/ntvplus/accounts/2256884759/balance").then().statusCode(404)
                .body("code", equalTo("account.not_found"));
        asSubscriber.when().get("/v1/suppliers/esplus/accounts/" + account + "/operations").then().statusCode(403);
    }

    @Test
    void aVerificationTokenSubmitsOneReadingForItsAccount() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String token = portal().body("{\"account\":\"" + account + "\",\"surname\":\"test\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(200).extract().path("token");
        RequestSpecification asSubscriber = RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        asSubscriber.body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(reading("E-9", "T1", 1200))
                .when().post(readingsPath("esplus", account)).then().statusCode(403)
                .body("code", equalTo("verification.reading_used"));
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(reading("E-1", "T1", 12001))
                .when().post(readingsPath("esplus", "3300000001")).then().statusCode(404);
    }

    @Test
    void verificationByTheLastPaymentAndItsRateLimit() {
        String account = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3);
        JsonPath paid = write().body(PaymentsApi.cardBody("kyivenergo", account, 123_45, "UAH", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.answerChallenge(paid.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(paid.getString("id"), "succeeded");
        portal().body("{\"account\":\"" + account + "\",\"lastPaymentAmount\":{\"value\":12345,\"currency\":\"UAH\"}}")
                .when().post("/v1/suppliers/kyivenergo/verify").then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            portal().body("{\"account\":\"" + account + "\",\"lastPaymentAmount\":{\"value\":1,\"currency\":\"UAH\"}}")
                    .when().post("/v1/suppliers/kyivenergo/verify").then().statusCode(422);
        }
        portal().body("{\"account\":\"" + account + "\",\"lastPaymentAmount\":{\"value\":12345,\"currency\":\"UAH\"}}")
                .when().post("/v1/suppliers/kyivenergo/verify").then().statusCode(429).header("Retry-After", "1")
                .body("code", equalTo("rate.limited"));
    }

    @Test
    void anAggregatorPortalActsOnlyOnLinkedAccounts() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "agg-" + UUID.randomUUID();
        RequestSpecification aggregator = RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key")
                .header("X-Subscriber", subscriber).contentType("application/json");
        aggregator.when().get("/v1/suppliers/esplus/accounts/" + account + "/balance").then().statusCode(404)
                .body("code", equalTo("account.not_found"));
        aggregator.body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"surname\":\"wrong\"}")
                .when().post("/v1/subscribers/" + subscriber + "/accounts").then().statusCode(422);
        RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key").header("X-Subscriber", subscriber)
                .contentType("application/json").body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"surname\":\"Test\"}")
                .when().post("/v1/subscribers/" + subscriber + "/accounts").then().statusCode(201);
        balance(RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key").header("X-Subscriber", subscriber),
                "esplus", account);
        RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key").header("X-Subscriber", "someone-else")
                .when().get("/v1/suppliers/esplus/accounts/" + account + "/balance").then().statusCode(404);
        RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key")
                .when().get("/v1/suppliers/esplus/accounts/" + account + "/balance").then().statusCode(400)
                .body("code", equalTo("subscriber.required"));
        RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key").header("X-Subscriber", subscriber)
                .contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(reading("E-1", "T1", 12001)).when().post(readingsPath("esplus", "3300000001")).then().statusCode(404);
        RestAssured.given().header("Authorization", "Bearer demo-aggregator-portal-key").header("X-Subscriber", subscriber)
                .when().get("/v1/subscribers/" + subscriber + "/accounts").then().statusCode(200)
                .body("[0].account", equalTo(account));
    }

    @Test
    void historyIsNewestFirstAndPagesWithoutGapsOrRepeats() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        write().body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        smsPay(account, "100");
        write().body(reading("E-9", "T1", 1200)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        smsPay(account, "200");
        smsPay(account, "300");
        String path = "/v1/suppliers/esplus/accounts/" + account + "/operations";
        List<Map<String, Object>> all = portal().when().get(path).then().statusCode(200).extract().jsonPath().getList("operations");
        assertThat(all).hasSize(5);
        assertThat(all).extracting(o -> (String) o.get("kind")).containsExactly("payment", "payment", "reading", "payment", "reading");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = portal().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get(path).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("operations.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(all.stream().map(o -> (String) o.get("id")).toList());
        assertThat(portal().queryParam("kind", "payment").when().get(path).then().statusCode(200)
                .extract().jsonPath().getList("operations")).hasSize(3);
        portal().queryParam("cursor", "garbage!").when().get(path).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theStatementPdfOpensAndItsTotalsMatchTheOperations() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        smsPay(account, "150");
        smsPay(account, "250,50");
        JsonPath card = write().body(PaymentsApi.cardBody("esplus", account, 10_000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.answerChallenge(card.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(card.getString("id"), "succeeded");
        write().body("{\"amount\":{\"value\":2500,\"currency\":\"RUB\"}}").when().post("/v1/payments/" + card.getString("id") + "/refunds")
                .then().statusCode(201);
        List<Map<String, Object>> operations = portal().when().get("/v1/suppliers/esplus/accounts/" + account + "/operations")
                .then().statusCode(200).extract().jsonPath().getList("operations");
        long paid = operations.stream().filter(o -> o.get("kind").equals("payment") && o.get("status").equals("partially_refunded")
                        || o.get("kind").equals("payment") && o.get("status").equals("succeeded"))
                .mapToLong(o -> ((Number) ((Map<?, ?>) o.get("amount")).get("value")).longValue()).sum();
        long refunded = operations.stream().filter(o -> o.get("kind").equals("refund"))
                .mapToLong(o -> ((Number) ((Map<?, ?>) o.get("amount")).get("value")).longValue()).sum();
        assertThat(paid).isEqualTo(15_000 + 25_050 + 10_000);
        byte[] pdf = portal().accept("application/pdf").when().get("/v1/suppliers/esplus/accounts/" + account + "/statement")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text;
        try (var doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
        String number = String.valueOf(card.getLong("number"));
        assertThat(text).contains(account).containsPattern("Владелец:\\s+Test")
                .containsPattern("Платёж\\s+" + number + "\\s")
                .containsPattern("Оплачено за период:\\s+" + java.util.regex.Pattern.quote(rubles(paid)))
                .containsPattern("Возвращено за период:\\s+" + java.util.regex.Pattern.quote(rubles(refunded)))
                .containsPattern("Итого поступило:\\s+" + java.util.regex.Pattern.quote(rubles(paid - refunded)));
        String csv = portal().accept("text/csv").when().get("/v1/suppliers/esplus/accounts/" + account + "/statement")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertThat(csv).contains(card.getString("id")).contains("total paid,,," + io.peakgate.platform.money.Money.decimal(paid));
    }

    /** An amount as the Russian statement writes it: "502,50 руб.". */
    private static String rubles(long minor) {
        return io.peakgate.platform.money.Money.decimal(minor).replace('.', ',') + " руб.";
    }
}
