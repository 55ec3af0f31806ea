package io.peakgate.platform.tracing;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the caller to billing: a reading submitted with a sampled W3C traceparent is written to the
 * outbox with it, and the relay, publishing later from its own timer, sends the Kafka record in the same trace
 * (its traceparent header carries the caller's trace id, under a span of its own).
 */
@QuarkusTest
class TraceThroughOutboxTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void theKafkaRecordOfAReadingIsInTheCallersTrace() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        String account = Fixtures.esplusAccount(ds, "E-1", 2000);
        write().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(reading("E-1", "T1", 2100)).when().post(readingsPath("esplus", account)).then().statusCode(201);

        assertThat(Fixtures.value(ds, "SELECT traceparent FROM outbox WHERE kafka_key = ?", "esplus:" + account))
                .asString().startsWith("00-" + traceId + "-");
        List<ConsumerRecord<String, String>> records = KafkaTopic.withKey("billing.readings.v1", "esplus:" + account, 1);
        Header traceparent = records.getFirst().headers().lastHeader("traceparent");
        assertThat(traceparent).as("the record's traceparent header").isNotNull();
        String value = new String(traceparent.value(), StandardCharsets.UTF_8);
        assertThat(value).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }
}
