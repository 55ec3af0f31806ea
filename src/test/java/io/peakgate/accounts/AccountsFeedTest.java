package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.sms.SmsSigning;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Accounts, holders and meters from billing's compacted topic {@code billing.accounts.v1}, published as
 * billing does with a plain producer, and what the gateway then serves: verification, readings against
 * billing's last value, payments, closure, order and replays, and the dead-letter topic.
 */
@QuarkusTest
class AccountsFeedTest {

    private static final String TOPIC = "billing.accounts.v1";
    private static final String DLQ = "billing.accounts.dlq.v1";
    private static final Duration APPLIED = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource ds;

    private static String esplusNumber() {
        return "31" + String.format("%08d", ThreadLocalRandom.current().nextLong(100_000_000L));
    }

    private static String kyivenergoNumber() {
        return "8" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    private static String event(String type, OffsetDateTime time, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/billing/accounts","type":"%s","time":"%s",
                 "datacontenttype":"application/json","data":%s}""".formatted(UUID.randomUUID(), type, time, data);
    }

    private static String meter(String code, int digits, long lastValue, long usual) {
        return """
                {"meter":"%s","service":"electricity","digits":%d,
                 "registers":[{"register":"T1","lastValue":%d,"usualConsumption":%d}]}""".formatted(code, digits, lastValue, usual);
    }

    private static void upsert(String supplier, String account, OffsetDateTime time, String holder, String lastPayment,
                               String... meters) {
        String data = """
                {"supplier":"%s","account":"%s","holder":"%s","address":"Красноярск, ул. Мира 1, кв. 1",%s
                 "meters":[%s]}""".formatted(supplier, account, holder,
                lastPayment == null ? "" : "\"lastPayment\":" + lastPayment + ",", String.join(",", meters));
        KafkaTopic.send(TOPIC, supplier + ":" + account, event("billing.account.upserted", time, data));
    }

    private static void close(String supplier, String account, OffsetDateTime time) {
        KafkaTopic.send(TOPIC, supplier + ":" + account, event("billing.account.closed", time,
                "{\"supplier\":\"%s\",\"account\":\"%s\"}".formatted(supplier, account)));
    }

    private static Response verify(String supplier, String body) {
        return portal().body(body).when().post("/v1/suppliers/" + supplier + "/verify");
    }

    private static Response verifySurname(String account, String surname) {
        return verify("esplus", "{\"account\":\"" + account + "\",\"surname\":\"" + surname + "\"}");
    }

    private static Response submit(String account, String meter, long value) {
        return write().body(reading(meter, "T1", value)).when().post(readingsPath("esplus", account));
    }

    private OffsetDateTime column(String account, String column) {
        return column("esplus", account, column);
    }

    private OffsetDateTime column(String supplier, String account, String column) {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + column + " FROM account WHERE supplier = ? AND number = ?")) {
            st.setString(1, supplier);
            st.setString(2, account);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the gateway holds the account as of billing's {@code time} (polling the row: verification
     * attempts are rate-limited per account, so they are not polled).
     */
    private void awaitApplied(String supplier, String account, OffsetDateTime time) {
        await().atMost(APPLIED).until(() -> {
            OffsetDateTime asOf = column(supplier, account, "billing_as_of");
            return asOf != null && asOf.isEqual(time.truncatedTo(ChronoUnit.MICROS));
        });
    }

    @Test
    void anAccountFromBillingIsVerifiedReadAgainstBillingsLastValueAndPaid() {
        String account = esplusNumber();
        OffsetDateTime t = OffsetDateTime.now();
        upsert("esplus", account, t, "Иванова", null, meter("E-1", 5, 12000, 300));

        awaitApplied("esplus", account, t);
        verifySurname(account, "иванова").then().statusCode(200);
        submit(account, "E-1", 12150).then().statusCode(201)
                .body("registers[0].previous", equalTo(12000))
                .body("registers[0].consumption", equalTo(150));
        String paid = PaymentsApi.card(account, 42500, "4111111111111111").getString("id");
        PaymentsApi.answerChallenge(PaymentsApi.get(paid).getString("action.url"), "111111");
        PaymentsApi.awaitStatus(paid, "succeeded");

        // a supplier that verifies by the last payment: billing's, when the gateway has none of its own
        String kyiv = kyivenergoNumber();
        upsert("kyivenergo", kyiv, t, "Шевченко",
                "{\"amount\":42500,\"at\":\"2026-11-25T10:00:00Z\"}", meter("H-1", 5, 100, 10).replace("electricity", "heat"));
        String byLastPayment = "{\"account\":\"" + kyiv + "\",\"lastPaymentAmount\":{\"value\":42500,\"currency\":\"UAH\"}}";
        awaitApplied("kyivenergo", kyiv, t);
        verify("kyivenergo", byLastPayment).then().statusCode(200);
    }

    @Test
    void anUpdateAppliesAndAnOlderOrRepeatedEventChangesNothing() {
        String account = esplusNumber();
        OffsetDateTime t = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS).minusHours(1);
        upsert("esplus", account, t, "Иванова", null, meter("E-1", 5, 12000, 300));
        awaitApplied("esplus", account, t);
        verifySurname(account, "Иванова").then().statusCode(200);
        // a reading accepted now: billing's older last value below must not roll it back
        submit(account, "E-1", 12100).then().statusCode(201);

        // a new holder, meter E-2 added, E-1 dropped; E-1's billed value is from before the reading
        String update = meter("E-1", 5, 12050, 300);
        upsert("esplus", account, t.plusMinutes(20), "Петрова", null, meter("E-2", 6, 500, 100));
        awaitApplied("esplus", account, t.plusMinutes(20));
        verifySurname(account, "Петрова").then().statusCode(200);
        verifySurname(account, "Иванова").then().statusCode(422).body("code", equalTo("verification.failed"));
        submit(account, "E-1", 12200).then().statusCode(404).body("code", equalTo("meter.not_found"));
        submit(account, "E-2", 550).then().statusCode(201).body("registers[0].consumption", equalTo(50));

        // E-1 listed again: it takes readings again, and billing's older value does not undo the accepted 12100
        upsert("esplus", account, t.plusMinutes(40), "Петрова", null, meter("E-2", 6, 500, 100), update);
        awaitApplied("esplus", account, t.plusMinutes(40));
        submit(account, "E-1", 12130).then().statusCode(201).body("registers[0].previous", equalTo(12100))
                .body("registers[0].consumption", equalTo(30));
        OffsetDateTime updatedAt = column(account, "updated_at");

        // older than what was applied, then the same event again, then a newer one with the same content
        upsert("esplus", account, t.plusMinutes(10), "Сидорова", null, meter("E-3", 5, 1, 1));
        upsert("esplus", account, t.plusMinutes(40), "Петрова", null, meter("E-2", 6, 500, 100), update);
        upsert("esplus", account, t.plusMinutes(50), "Петрова", null, meter("E-2", 6, 500, 100), update);
        awaitApplied("esplus", account, t.plusMinutes(50));
        assertThat(column(account, "updated_at")).isEqualTo(updatedAt);
        verifySurname(account, "Сидорова").then().statusCode(422);
        submit(account, "E-3", 2).then().statusCode(404).body("code", equalTo("meter.not_found"));
    }

    @Test
    void aClosedAccountRefusesReadingsAndPaymentsButItsHistoryStaysReadable() {
        String account = esplusNumber();
        OffsetDateTime t = OffsetDateTime.now().minusMinutes(5);
        upsert("esplus", account, t, "Иванова", null, meter("E-1", 5, 12000, 300));
        awaitApplied("esplus", account, t);
        submit(account, "E-1", 12100).then().statusCode(201);
        close("esplus", account, t.plusMinutes(1));

        awaitApplied("esplus", account, t.plusMinutes(1));
        assertThat(column(account, "closed_at")).isEqualTo(column(account, "billing_as_of"));
        submit(account, "E-1", 12200).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("account.closed"));
        write().queryParam("dryRun", true).body(reading("E-1", "T1", 12200)).when().post(readingsPath("esplus", account))
                .then().statusCode(409).body("code", equalTo("account.closed"));
        write().body("{\"readings\":[{\"account\":\"" + account + "\",\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":12200}]}]}")
                .when().post("/v1/suppliers/esplus/readings/batch").then().statusCode(200)
                .body("results[0].problem.code", equalTo("account.closed"));
        write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", "4111111111111111", null))
                .when().post("/v1/payments").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("account.closed"));
        verifySurname(account, "Иванова").then().statusCode(422).body("code", equalTo("verification.failed"));
        RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret")
                .queryParam("command", "check").queryParam("txn_id", System.nanoTime() % 1_000_000_000L)
                .queryParam("account", account).queryParam("sum", "100.00").queryParam("supplier", "esplus")
                .when().get("/v1/agents/demo-agent/pay").then().statusCode(200).body(containsString("<result>79</result>"));
        RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret")
                .queryParam("command", "pay").queryParam("txn_id", System.nanoTime() % 1_000_000_000L)
                .queryParam("txn_date", "20261203103000").queryParam("account", account).queryParam("sum", "100.00")
                .queryParam("supplier", "esplus")
                .when().get("/v1/agents/demo-agent/pay").then().statusCode(200).body(containsString("<result>79</result>"));
        assertThat(smsPay(account)).contains("закрыт");
        write().body("{\"amount\":{\"value\":10000,\"currency\":\"RUB\"}}")
                .when().post("/v1/suppliers/esplus/accounts/" + account + "/promised-payment")
                .then().statusCode(409).body("code", equalTo("account.closed"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment p JOIN account a ON a.id = p.account_id"
                + " WHERE a.supplier = 'esplus' AND a.number = ?", account)).isZero();
        portal().when().get("/v1/suppliers/esplus/accounts/" + account + "/operations").then().statusCode(200)
                .body("operations.size()", equalTo(1));

        // billing reopens it with a newer upsert
        upsert("esplus", account, t.plusMinutes(2), "Иванова", null, meter("E-1", 5, 12000, 300));
        awaitApplied("esplus", account, t.plusMinutes(2));
        assertThat(column(account, "closed_at")).isNull();
        submit(account, "E-1", 12200).then().statusCode(201);
        verifySurname(account, "Иванова").then().statusCode(200);
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextOneOfItsKeyIsApplied() {
        String account = esplusNumber();
        String key = "esplus:" + account;
        KafkaTopic.send(TOPIC, key, "{not json");
        // the key names another account than the data: refused too
        KafkaTopic.send(TOPIC, key, event("billing.account.upserted", OffsetDateTime.now(),
                "{\"supplier\":\"esplus\",\"account\":\"3300000001\",\"holder\":\"X\",\"meters\":[]}"));
        upsert("esplus", account, OffsetDateTime.now(), "Иванова", null, meter("E-1", 13, 1, 1));
        OffsetDateTime t = OffsetDateTime.now();
        upsert("esplus", account, t, "Иванова", null, meter("E-1", 5, 12000, 300));

        awaitApplied("esplus", account, t);
        verifySurname(account, "Иванова").then().statusCode(200);
        List<ConsumerRecord<String, String>> dead = KafkaTopic.records(DLQ, r -> key.equals(r.key()), 3,
                APPLIED, Duration.ofSeconds(1));
        assertThat(dead).hasSize(3);
        assertThat(dead.getFirst().value()).isEqualTo("{not json");
        assertThat(dead.stream().map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8))).containsExactly("not JSON", "key is not data.supplier:data.account",
                "data.meters[0].digits must be between 1 and 12");
    }

    @Test
    void aDatabaseFaultIsRetriedAndNeverDeadLettersAGoodRecord() throws Exception {
        String account = esplusNumber();
        String key = "esplus:" + account;
        Fixtures.account(ds, "esplus", account, "E-1", "electricity", 5, 300, Map.of("T1", 100L));
        String waiting = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                + " AND query LIKE 'SELECT id, billing_as_of FROM account%'";
        OffsetDateTime t = OffsetDateTime.now();
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement(
                    "SELECT id FROM account WHERE supplier = 'esplus' AND number = ? FOR UPDATE")) {
                st.setString(1, account);
                st.executeQuery().close();
            }
            upsert("esplus", account, t, "Иванова", null, meter("E-1", 5, 12000, 300));
            // the feed's transaction waits on the row; its backend is killed, as when PostgreSQL restarts
            await().atMost(APPLIED).until(() -> Fixtures.count(ds, waiting.replace("SELECT pid", "SELECT count(*)")) >= 1);
            Fixtures.query(ds, "SELECT pg_terminate_backend(pid) FROM (" + waiting + ") w");
            // ... and the record is tried again on a new connection, still waiting for the row
            await().atMost(APPLIED).until(() -> Fixtures.count(ds, waiting.replace("SELECT pid", "SELECT count(*)")) >= 1);
            holder.rollback();
        }
        awaitApplied("esplus", account, t);
        verifySurname(account, "Иванова").then().statusCode(200);
        // a malformed record after it, of the same key: the only one of the key on the dead-letter topic
        KafkaTopic.send(TOPIC, key, "{not json");
        assertThat(KafkaTopic.records(DLQ, r -> key.equals(r.key()), 1, APPLIED, Duration.ofSeconds(1)))
                .extracting(ConsumerRecord::value).containsExactly("{not json");
    }

    private static String smsPay(String account) {
        String body = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"from\":\"+7901" + (System.nanoTime() % 10_000_000)
                + "\",\"to\":\"3116\",\"text\":\"esplus " + account + " 425\",\"receivedAt\":\"" + Instant.now() + "\"}";
        return RestAssured.given().contentType("application/json").header("X-Signature", SmsSigning.sign(body))
                .body(body).when().post("/v1/sms/demo-sms/inbound").then().statusCode(200).extract().path("reply");
    }
}
