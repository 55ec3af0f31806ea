package io.peakgate.sms;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.DatabaseFault;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Short-number messages through the demo aggregator, with the real PostgreSQL, Redis and Kafka.
 * Over 250 lines on purpose: the grammar's and replies' cases of the SMS channel against one running gateway.
 */
@QuarkusTest
class SmsInboundTest {

    private static final String PATH = "/v1/sms/demo-sms/inbound";

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    static String sign(String body) {
        return SmsSigning.sign(body);
    }

    static String message(String id, String from, String to, String text) {
        return message(id, from, to, text, Instant.now());
    }

    static String message(String id, String from, String to, String text, Instant receivedAt) {
        return "{\"messageId\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"text\":\""
                + text.replace("\"", "\\\"") + "\"" + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}";
    }

    static Response send(String body) {
        return RestAssured.given().contentType("application/json; charset=UTF-8").header("X-Signature", sign(body))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post(PATH);
    }

    static String reply(String to, String text) {
        return send(message(UUID.randomUUID().toString(), randomPhone(), to, text)).then().statusCode(200)
                .extract().path("reply");
    }

    static String randomPhone() {
        return "+7916" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private record Case(String to, String text, String expected) {
    }

    @Test
    void eachMessageGetsItsReply() {
        String meter = Fixtures.esplusAccount(ds, "E-SMS", 12000);
        List<Case> cases = List.of(
                new Case("3116", "ntvplus 2256884759 425", "Платёж 425,00 руб. на счёт 2256884759"),
                new Case("3116", "NTVPLUS 2256884759 425", "Платёж 425,00 руб."),
                new Case("3116", "  ntvplus   2256884759    425  ", "Платёж 425,00 руб."),
                new Case("3116", "ntvplus 2256884759 425,50", "Платёж 425,50 руб."),
                new Case("3116", "ntvplus 2256884759 425.5", "Платёж 425,50 руб."),
                new Case("3116", "+ntvplus+2256884759+425", "Платёж 425,00 руб."),
                new Case("3116", "NТVРLUS 2256884759 100", "Платёж 100,00 руб."),
                new Case("+3116", "ntvplus 2256884759 99", "Платёж 99,00 руб."),
                new Case("3116", "Ntvplus 2256884759 5000", "Платёж 5000,00 руб."),
                new Case("3116", "нтвплюс 2256884759 100", "Неизвестная команда"),
                new Case("3116", "ntvplus 2256884759", "Неверный формат сообщения. Формат: NTVPLUS <номер счёта> <сумма>, "
                        + "например: ntvplus 2256884759 425"),
                new Case("3116", "ntvplus", "Неверный формат"),
                new Case("3116", "", "Неизвестная команда"),
                new Case("3116", "ntvplus 2256884759 425 100", "Неверный формат"),
                new Case("3116", "ntvplus 2256884759 4 25", "Неверный формат"),
                new Case("3116", "ntvplus 2256884759 1 000", "Неверный формат"),
                new Case("3116", "ntvplus 225688475 425", "Номер счёта 225688475 указан неверно"),
                new Case("3116", "ntvplus 2256884758 425", "Счёт 2256884758 не найден"),
                new Case("3116", "ntvplus 2256884759 0", "меньше минимальной"),
                new Case("3116", "ntvplus 2256884759 0,50", "меньше минимальной"),
                new Case("3116", "ntvplus 2256884759 425.555", "указана неверно"),
                new Case("3116", "ntvplus 2256884759 -425", "указана неверно"),
                new Case("3116", "ntvplus 2256884759 abc", "указана неверно"),
                new Case("3116", "ntvplus 2256884759 1e3", "указана неверно"),
                new Case("3116", "ntvplus 2256884759 6000", "Сумма больше допустимой для оплаты по SMS (5000,00 руб.)."),
                new Case("3116", "mosenergo 123 100", "Неизвестная команда"),
                new Case("3117", "ntvplus 2256884759 425", "Неизвестная команда"),
                new Case("3116", "ntvplus 2256884759 pok 123", "не принимает показания"),
                new Case("3116", "esplus " + meter + " pok 12345", "Показания 12345 по счёту " + meter + " приняты"),
                new Case("3116", "ESPLUS " + meter + " POK 12400", "Показания 12400"),
                new Case("3116", "esplus " + meter + " пок 12500", "Показания 12500"),
                new Case("3116", "esplus " + meter + " pok 100", "меньше предыдущих (12500)"),
                new Case("3116", "esplus " + meter + " pok 12600,5", "только целым числом"),
                new Case("3116", "esplus " + meter + " pok abc", "Показания abc указаны неверно"),
                new Case("3116", "esplus 3300000002 pok 20100", "однотарифного"),
                new Case("3116", "esplus " + meter + " 150", "Платёж 150,00 руб. на счёт " + meter));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String reply = reply(c.to(), c.text());
            if (reply == null || !reply.contains(c.expected())) {
                failures.add("'" + c.text() + "' to " + c.to() + " -> '" + reply + "' (wanted '" + c.expected() + "')");
            }
        }
        assertThat(failures).as("%d messages tried", cases.size()).isEmpty();
        assertThat(Fixtures.lastValue(ds, "esplus", meter, "T1")).isEqualTo(12500L);
        List<String> readingEvents = KafkaTopic.withKey(Topics.READINGS, "esplus:" + meter, 3).stream()
                .map(r -> r.value()).toList();
        assertThat(readingEvents).hasSize(3).allMatch(v -> v.contains("\"source\":\"sms\""));
        assertThat(KafkaTopic.withKey(Topics.PAYMENTS, "esplus:" + meter, 1)).hasSize(1)
                .allMatch(r -> r.value().contains("\"method\":\"sms\"") && r.value().contains("\"value\":15000"));
    }

    @Test
    void aKyivenergoSubscriberIsAnsweredInUkrainianInHryvnias() {
        String account = Fixtures.kyivenergoAccount(ds, "H-SMS", "heat", 500, 20);
        // a 15-digit number that passes Luhn is card-shaped, and every reply masks it: take one that does not
        while (org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(account)) {
            account = Fixtures.kyivenergoAccount(ds, "H-SMS", "heat", 500, 20);
        }
        List<Case> cases = List.of(
                new Case("7575", "kyivenergo " + account + " 425,50", "Платіж 425,50 грн на рахунок " + account
                        + " (ПАТ «Київенерго») прийнято, номер "),
                new Case("7575", "kyivenergo " + account, "Неправильний формат повідомлення. Формат: KYIVENERGO "
                        + "<номер рахунку> <сума>, наприклад: kyivenergo 100000000000001 425"),
                new Case("7575", "kyivenergo 12345 425", "Номер рахунку 12345 вказано неправильно. Формат: KYIVENERGO"),
                new Case("7575", "kyivenergo " + account + " 4,255", "Суму 4,255 вказано неправильно"),
                new Case("7575", "kyivenergo " + account + " 0,50", "Сума менша за мінімальну (1,00 грн)."),
                new Case("7575", "kyivenergo " + account + " 5001", "Сума більша за допустиму для оплати через SMS (5000,00 грн)."),
                new Case("7575", "kyivenergo " + account + " pok 510", "ПАТ «Київенерго» не приймає показники через SMS."),
                new Case("7575", "kyivenergo 800000000000000 425", "Рахунок 800000000000000 не знайдено. Перевірте номер"),
                new Case("7575", "ntvplus 2256884759 425", "Невідома команда. Почніть повідомлення з коду постачальника: "
                        + "KYIVENERGO. Формат: <код> <номер рахунку> <сума>, наприклад: kyivenergo 100000000000001 425"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String reply = reply(c.to(), c.text());
            if (reply == null || !reply.contains(c.expected())) {
                failures.add("'" + c.text() + "' to " + c.to() + " -> '" + reply + "' (wanted '" + c.expected() + "')");
            }
        }
        assertThat(failures).as("%d messages tried", cases.size()).isEmpty();
        assertThat(KafkaTopic.withKey(Topics.PAYMENTS, "kyivenergo:" + account, 1)).hasSize(1)
                .allMatch(r -> r.value().contains("\"value\":42550") && r.value().contains("\"currency\":\"UAH\""));
    }

    @Test
    void aRetriedMessageGetsTheSameReplyAndPaysOnce() throws Exception {
        String id = "msg-" + UUID.randomUUID();
        String body = message(id, randomPhone(), "3116", "ntvplus 2256884759 777");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<CompletableFuture<String>> retries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            retries.add(CompletableFuture.supplyAsync(() -> send(body).then().statusCode(200).extract().path("reply"), pool));
        }
        Set<String> replies = new java.util.HashSet<>();
        for (CompletableFuture<String> r : retries) {
            replies.add(r.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(replies).hasSize(1);
        String reply = replies.iterator().next();
        assertThat(reply).contains("Платёж 777,00 руб.");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isEqualTo(1);
        assertThat(KafkaTopic.records(Topics.PAYMENTS, r -> r.value().contains("\"providerReference\":\"demo-sms:" + id + "\""),
                1, Duration.ofSeconds(20), Duration.ofSeconds(1))).hasSize(1);
        // the same message id with another text is refused (still with a reply), the first stands
        send(message(id, randomPhone(), "3116", "ntvplus 2256884759 1")).then().statusCode(200)
                .body("code", equalTo("idempotency.key_reused")).body("reply", containsString("не обработано"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isEqualTo(1);
    }

    @Test
    void onePhoneCannotFloodASupplier() {
        String phone = randomPhone();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            replies.add(send(message(UUID.randomUUID().toString(), phone, "3116", "ntvplus 2256884759 10"))
                    .then().statusCode(200).extract().path("reply"));
        }
        assertThat(replies.subList(0, 10)).allMatch(r -> r.startsWith("Платёж"));
        assertThat(replies.get(10)).contains("Слишком много");
        assertThat(reply("3116", "ntvplus 2256884759 10")).startsWith("Платёж"); // another phone still gets through
    }

    @Test
    void aWrongSignatureOrAggregatorIsRefusedWithAReplyAndChangesNothing() {
        String id = "msg-" + UUID.randomUUID();
        String body = message(id, randomPhone(), "3116", "ntvplus 2256884759 425");
        RestAssured.given().contentType("application/json").header("X-Signature", sign(body + " ")).body(body)
                .when().post(PATH).then().statusCode(200).contentType("application/json")
                .body("code", equalTo("sms.signature_invalid")).body("reply", containsString("временно недоступен"));
        RestAssured.given().contentType("application/json").body(body).when().post(PATH).then().statusCode(200)
                .body("code", equalTo("sms.signature_invalid"));
        RestAssured.given().contentType("application/json").header("X-Signature", sign(body)).body(body)
                .when().post("/v1/sms/nobody/inbound").then().statusCode(200).body("code", equalTo("sms.aggregator_unknown"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE idem_key = ?", id)).isZero();
        String bad = "{\"messageId\":\"x\"}";
        send(bad).then().statusCode(200).body("code", equalTo("request.invalid")).body("reply", containsString("Формат"));
        send("{\"messageId\":").then().statusCode(200).body("code", equalTo("request.malformed_json"));
        RestAssured.given().contentType("text/plain").header("X-Signature", sign(body)).body(body).when().post(PATH)
                .then().statusCode(200).body("code", equalTo("request.unsupported_media_type"));
    }

    @Test
    void aMessageOutsideTheReplayWindowIsRefusedWithAReplyAndChangesNothing() {
        Map<String, Instant> late = Map.of("old", Instant.now().minus(Duration.ofMinutes(11)),
                "future", Instant.now().plus(Duration.ofMinutes(10)));
        for (Map.Entry<String, Instant> c : late.entrySet()) {
            String id = "msg-" + c.getKey() + "-" + UUID.randomUUID();
            send(message(id, randomPhone(), "3116", "ntvplus 2256884759 425", c.getValue())).then().statusCode(200)
                    .body("code", equalTo("sms.outside_replay_window")).body("reply", containsString("не обработано"));
            assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isZero();
            assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE idem_key = ?", id)).isZero();
        }
        String undated = "msg-undated-" + UUID.randomUUID();
        send(message(undated, randomPhone(), "3116", "ntvplus 2256884759 425", null)).then().statusCode(200)
                .body("code", equalTo("sms.outside_replay_window"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + undated)).isZero();
    }

    @Test
    void aRetryOfAnAnsweredMessagePastTheWindowGetsTheFirstReply() {
        String id = "msg-" + UUID.randomUUID();
        String body = message(id, randomPhone(), "3116", "ntvplus 2256884759 333");
        String first = send(body).then().statusCode(200).extract().path("reply");
        assertThat(first).contains("Платёж 333,00 руб.");
        try {
            clock.set(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(30));
            send(body).then().statusCode(200).body("reply", equalTo(first));
            String fresh = "msg-" + UUID.randomUUID();
            send(message(fresh, randomPhone(), "3116", "ntvplus 2256884759 333")).then().statusCode(200)
                    .body("code", equalTo("sms.outside_replay_window"));
        } finally {
            clock.reset();
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isEqualTo(1);
    }

    @Test
    void aDatabaseFaultIsAnsweredWithAReplyAndTheRetryPays() throws Exception {
        String id = "msg-" + UUID.randomUUID();
        String body = message(id, randomPhone(), "3116", "ntvplus 2256884759 444");
        Response fault = DatabaseFault.during(ds, "sms:demo-sms", id, () -> send(body));
        fault.then().statusCode(200).contentType("application/json").body("code", equalTo("service.unavailable"))
                .body("reply", containsString("временно недоступен"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-sms:" + id)).isZero();
        send(body).then().statusCode(200).body("reply", containsString("Платёж 444,00 руб."));
    }

    @Test
    void aCardNumberInTheMessageIsNeverEchoed() {
        for (String text : List.of("ntvplus 4111111111111111 425", "ntvplus 2256884759 4111111111111111",
                "esplus 4111111111111111 pok 12345")) {
            String reply = reply("3116", text);
            assertThat(reply).as(text).doesNotContain("4111111111111111").doesNotContain("111111111111");
        }
        assertThat(reply("3116", "ntvplus 4111111111111111 425")).contains("411111******1111");
    }

    @Test
    void theSmsPaymentFollowsThePaymentLifecycle() {
        String reply = reply("3116", "ntvplus 2256884759 321");
        Matcher number = Pattern.compile("номер (\\d+)").matcher(reply);
        assertThat(number.find()).isTrue();
        Set<String> states = Fixtures.value(ds, "SELECT string_agg(t.to_status, ',' ORDER BY t.id) FROM payment_transition t "
                + "JOIN payment p ON p.id = t.payment_id WHERE p.number = ?", Long.parseLong(number.group(1)))
                .toString().lines().flatMap(l -> java.util.Arrays.stream(l.split(","))).collect(Collectors.toSet());
        assertThat(states).containsExactlyInAnyOrder("created", "succeeded");
    }
}
