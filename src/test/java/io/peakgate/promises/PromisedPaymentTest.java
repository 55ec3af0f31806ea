package io.peakgate.promises;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The promised payment: limits, one at a time, covered by payments, published, shown in balance and history. */
@QuarkusTest
class PromisedPaymentTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String path(String supplier, String account) {
        return "/v1/suppliers/" + supplier + "/accounts/" + account + "/promised-payment";
    }

    private static io.restassured.response.Response grant(String account, long amount, Integer days) {
        return write().body("{\"amount\":{\"value\":%d,\"currency\":\"RUB\"}%s}"
                        .formatted(amount, days == null ? "" : ",\"days\":" + days))
                .when().post(path("esplus", account));
    }

    private static JsonPath balance(String account) {
        return portal().when().get("/v1/suppliers/esplus/accounts/" + account + "/balance")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void pay(String account, long amount) {
        JsonPath p = PaymentsApi.card(account, amount, "4111111111111111");
        PaymentsApi.answerChallenge(p.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(p.getString("id"), "succeeded");
    }

    @Test
    void aPromiseShowsInBalanceAndHistoryUntilPaymentsCoverItAndIsPublished() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        OffsetDateTime before = OffsetDateTime.now();
        String id = grant(account, 100000, 3).then().statusCode(201)
                .body("status", equalTo("active")).body("amount.value", equalTo(100000))
                .body("amount.currency", equalTo("RUB")).body("covered.value", equalTo(0))
                .extract().path("id");
        JsonPath promise = portal().when().get(path("esplus", account)).then().statusCode(200).extract().jsonPath();
        assertThat(promise.getString("id")).isEqualTo(id);
        assertThat(OffsetDateTime.parse(promise.getString("expiresAt")))
                .isBetween(before.plusDays(3).minusMinutes(1), OffsetDateTime.now().plusDays(3).plusMinutes(1));
        assertThat(balance(account).getLong("promisedPayment.outstanding.value")).isEqualTo(100000);
        portal().queryParam("kind", "promised_payment").when()
                .get("/v1/suppliers/esplus/accounts/" + account + "/operations").then().statusCode(200)
                .body("operations[0].kind", equalTo("promised_payment")).body("operations[0].id", equalTo(id))
                .body("operations[0].status", equalTo("active"));
        // one at a time
        grant(account, 1000, 1).then().statusCode(409).body("code", equalTo("promise.already_active"));
        // a payment counts towards it; the rest stays promised
        pay(account, 60000);
        // the cached balance is dropped just after the payment's transaction commits
        await().atMost(Duration.ofSeconds(5)).until(() ->
                balance(account).getLong("promisedPayment.outstanding.value") == 40000);
        portal().when().get(path("esplus", account)).then().statusCode(200).body("covered.value", equalTo(60000));
        // covered: gone from the balance, covered in history, and a new promise may be taken
        pay(account, 40000);
        await().atMost(Duration.ofSeconds(5)).until(() -> balance(account).getString("promisedPayment") == null);
        portal().when().get(path("esplus", account)).then().statusCode(404);
        portal().queryParam("kind", "promised_payment").when()
                .get("/v1/suppliers/esplus/accounts/" + account + "/operations").then()
                .body("operations[0].status", equalTo("covered"));
        List<ConsumerRecord<String, String>> events = KafkaTopic.withKey(Topics.PROMISES, "esplus:" + account, 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).value()).contains("io.peakgate.promise.granted.v1").contains(id);
        assertThat(events.get(1).value()).contains("io.peakgate.promise.covered.v1").contains(id);
        grant(account, 1000, 1).then().statusCode(201);
    }

    @Test
    void aPromiseCannotBeTakenTwiceEvenAtTheSameMoment() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> grant(account, 5000, 2).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Fixtures.count(ds, """
                SELECT count(*) FROM promised_payment p JOIN account a ON a.id = p.account_id
                WHERE a.supplier = 'esplus' AND a.number = ?""", account)).isEqualTo(1);
        assertThat(KafkaTopic.withKey(Topics.PROMISES, "esplus:" + account, 1)).hasSize(1);
    }

    @Test
    void anOverduePromiseBlocksTheNextAndLeavesTheBalance() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        grant(account, 20000, 1).then().statusCode(201);
        clock.set(OffsetDateTime.now().plusDays(2).toZonedDateTime());
        portal().when().get(path("esplus", account)).then().statusCode(200).body("status", equalTo("overdue"));
        assertThat(balance(account).getString("promisedPayment")).isNull();
        grant(account, 1000, 1).then().statusCode(409).body("code", equalTo("promise.overdue"));
        // billing is told once that it ran out unpaid, however often the janitor runs
        List<ConsumerRecord<String, String>> events = KafkaTopic.withKey(Topics.PROMISES, "esplus:" + account, 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).value()).contains("io.peakgate.promise.overdue.v1").contains("\"status\":\"overdue\"");
        assertThat(KafkaTopic.records(Topics.PROMISES, r -> ("esplus:" + account).equals(r.key()), 3,
                Duration.ofSeconds(4), Duration.ofSeconds(1))).hasSize(2);
    }

    @Test
    void amountDaysAndTheSuppliersOfferAreChecked() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        grant(account, 300001, 1).then().statusCode(422).body("code", equalTo("promise.amount_too_large"))
                .body("errors[0].field", equalTo("amount.value"));
        grant(account, 1000, 6).then().statusCode(422).body("code", equalTo("promise.too_long"));
        grant(account, 0, 1).then().statusCode(400);
        write().body("{\"amount\":{\"value\":1000,\"currency\":\"UAH\"}}").when().post(path("esplus", account))
                .then().statusCode(422).body("code", equalTo("payment.currency_mismatch"));
        String kyiv = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3);
        write().body("{\"amount\":{\"value\":1000,\"currency\":\"UAH\"}}").when().post(path("kyivenergo", kyiv))
                .then().statusCode(422).body("code", equalTo("promise.not_offered"));
        write().body("{\"amount\":{\"value\":1000,\"currency\":\"RUB\"},\"status\":\"covered\"}")
                .when().post(path("esplus", account)).then().statusCode(400).body("code", equalTo("request.unknown_field"));
        write().body("{\"amount\":{\"value\":1000,\"currency\":\"RUB\"}}").when().post(path("esplus", "3399999999"))
                .then().statusCode(404).body("code", equalTo("account.not_found")).body("promisedPayment", nullValue());
        assertThat(Fixtures.count(ds, """
                SELECT count(*) FROM promised_payment p JOIN account a ON a.id = p.account_id WHERE a.number = ?""",
                account)).isZero();
    }
}
