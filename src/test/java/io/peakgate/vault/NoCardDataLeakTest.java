package io.peakgate.vault;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pays with a known card number and CVC (full card, saved card, one-use token), then searches
 * everything the gateway wrote: its log, a dump of every PostgreSQL table, every Redis value and
 * every Kafka record. The number (plain, spaced, dashed) and the CVC must appear nowhere.
 */
@QuarkusTest
class NoCardDataLeakTest {

    private static final String NUMBER = "4111111111111111";
    /**
     * A leading zero: no number the system prints (ids, amounts, payment numbers) has one, so a standalone
     * match can only be the CVC; the boundaries below rule out UUID groups, timestamps and base64.
     */
    private static final String CVC = "0847";
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile(NUMBER),
            Pattern.compile("4111 1111 1111 1111"),
            Pattern.compile("4111-1111-1111-1111"),
            Pattern.compile("(?<![0-9A-Za-z-])" + CVC + "(?![0-9A-Za-z-])"));

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    @Test
    void theCardNumberAndCvcAppearNowhere() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "leak-" + UUID.randomUUID();
        for (String written : List.of(NUMBER, "4111 1111 1111 1111", "4111-1111-1111-1111")) {
            JsonPath p = write().header("X-Subscriber", subscriber).body("""
                            {"supplier":"esplus","account":"%s","amount":{"value":10000,"currency":"RUB"},"saveCard":true,
                             "subscriber":"%s","method":{"type":"card","card":{"number":"%s","expMonth":12,
                             "expYear":2030,"cvc":"%s","holder":"IVAN IVANOV"}}}""".formatted(account, subscriber, written, CVC))
                    .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
            PaymentsApi.answerChallenge(p.getString("action.url"), "111111");
            PaymentsApi.awaitStatus(p.getString("id"), "succeeded");
        }
        String token = write().body("{\"number\":\"" + NUMBER + "\",\"expMonth\":1,\"expYear\":2031,\"cvc\":\"" + CVC + "\"}")
                .when().post("/v1/tokens").then().statusCode(201).extract().path("token");
        assertThat(token).doesNotContain(NUMBER);
        // a refused card: its error body and the log line must not echo it either
        String refused = write().body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":10000,"currency":"RUB"},
                         "method":{"type":"card","card":{"number":"4111111111111112","expMonth":12,"expYear":2030,"cvc":"%s"}}}"""
                        .formatted(account, CVC))
                .when().post("/v1/payments").then().statusCode(422).extract().asString();
        assertThat(refused).doesNotContain("4111111111111112").doesNotContain(CVC);

        List<String> hits = new ArrayList<>();
        scan("gateway log", Files.readString(Path.of("target/quarkus-test.log")), hits);
        scan("PostgreSQL dump", pgDump(), hits);
        StringBuilder values = new StringBuilder();
        for (String key : redis.key().scan(new KeyScanArgs().count(1000)).toIterable()) {
            if ("string".equals(redis.key().type(key).name().toLowerCase())) {
                values.append(key).append('=').append(redis.value(String.class).get(key)).append('\n');
            }
        }
        scan("Redis", values.toString(), hits);
        StringBuilder records = new StringBuilder();
        for (String topic : List.of("billing.readings.v1", "billing.payments.v1")) {
            for (ConsumerRecord<String, String> r : io.peakgate.support.KafkaTopic.records(topic, x -> true,
                    Integer.MAX_VALUE, Duration.ofSeconds(5), Duration.ZERO)) {
                records.append(r.key()).append(' ').append(r.value()).append('\n');
            }
        }
        assertThat(records).contains(account);
        scan("Kafka", records.toString(), hits);
        assertThat(hits).isEmpty();
    }

    private static void scan(String where, String text, List<String> hits) {
        for (Pattern secret : SECRETS) {
            var m = secret.matcher(text);
            while (m.find()) {
                int from = Math.max(0, m.start() - 60);
                hits.add(where + ": ..." + text.substring(from, Math.min(text.length(), m.end() + 60)) + "...");
            }
        }
    }

    private static String pgDump() throws IOException, InterruptedException {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        Process dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", database)
                .redirectErrorStream(true).start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(out).isZero();
        assertThat(out).contains("COPY public.payment").contains("COPY public.card_audit");
        return out;
    }
}
