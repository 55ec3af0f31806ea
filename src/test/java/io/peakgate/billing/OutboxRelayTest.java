package io.peakgate.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.peakgate.support.Services;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accepted readings reach billing.readings.v1 exactly once, as CloudEvents; nothing else does. */
@QuarkusTest
class OutboxRelayTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @BeforeEach
    void insideTheWindow() {
        clock.set(ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZoneId.of("Europe/Moscow")));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anAcceptedReadingBecomesOneCloudEventKeyedByAccount() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String id = write().body(reading("E-9", "T1", 12100)).when().post(readingsPath("esplus", account))
                .then().statusCode(201).extract().path("id");
        List<ConsumerRecord<String, String>> records = KafkaTopic.withKey(Topics.READINGS, "esplus:" + account, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
        JsonNode event = json.readTree(record.value());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("io.peakgate.reading.accepted.v1");
        assertThat(event.path("id").asText()).isNotBlank();
        assertThat(event.path("subject").asText()).isEqualTo("esplus/" + account);
        assertThat(event.path("data").path("readingId").asText()).isEqualTo(id);
        assertThat(event.path("data").path("registers").get(0).path("consumption").asLong()).isEqualTo(100);
        await().atMost(10, TimeUnit.SECONDS).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM outbox WHERE kafka_key = ? AND sent_at IS NOT NULL", "esplus:" + account) == 1);
    }

    @Test
    void dryRunsAndRejectionsPublishNothing() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        portal().queryParam("dryRun", true).body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", account)).then().statusCode(200);
        write().body(reading("E-9", "T1", 100)).when().post(readingsPath("esplus", account)).then().statusCode(422);
        // a later accepted reading proves the relay ran past the point where the others would be
        write().body(reading("E-9", "T1", 12050)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        List<ConsumerRecord<String, String>> records = KafkaTopic.withKey(Topics.READINGS, "esplus:" + account, 1);
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().value()).contains("\"current\":12050");
    }

    @Test
    void submissionsSucceedWhileKafkaIsDownAndEveryOneArrivesOnceAfter() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        Services.down("kafka");
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 1; i <= 10; i++) {
                ids.add(write().body(reading("E-9", "T1", 12000 + i * 10)).when().post(readingsPath("esplus", account))
                        .then().statusCode(201).extract().path("id"));
            }
            assertThat(Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE kafka_key = ? AND sent_at IS NULL",
                    "esplus:" + account)).isEqualTo(10);
        } finally {
            Services.up("kafka");
        }
        List<ConsumerRecord<String, String>> records = KafkaTopic.records(Topics.READINGS,
                r -> ("esplus:" + account).equals(r.key()), 10, Duration.ofSeconds(90), Duration.ofSeconds(3));
        Set<String> readingIds = records.stream().map(r -> {
            try {
                return json.readTree(r.value()).path("data").path("readingId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        assertThat(records).hasSize(10);
        assertThat(readingIds).containsExactlyInAnyOrderElementsOf(ids);
        // one account's events keep their order
        List<String> inOrder = records.stream().map(r -> {
            try {
                return json.readTree(r.value()).path("data").path("readingId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(inOrder).containsExactlyElementsOf(ids);
    }
}
