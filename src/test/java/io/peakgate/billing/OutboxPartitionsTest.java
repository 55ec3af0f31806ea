package io.peakgate.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays at once on one outbox (the application's and a second one built here, as a second
 * gateway instance would run): every event reaches Kafka exactly once, each account's events in the
 * order of their outbox ids, and a relay that stops renewing has its partitions taken over.
 */
@QuarkusTest
class OutboxPartitionsTest {

    private static final int ACCOUNTS = 40;
    private static final int EVENTS_PER_ACCOUNT = 25;
    private static final int PER_TRANSACTION = 50;

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    OutboxConfig config;

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource ds;

    private final SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
    private OutboxRelay second;
    private String run;
    private Map<TopicPartition, Long> start;

    @BeforeEach
    void secondRelay() {
        run = "relay-test-" + UUID.randomUUID() + ":";
        start = endOffsets();
        second = relay.another(secondMeters);
        second.begin();
        // the application's relay gives back what is over its share and the second one takes it
        await().atMost(20, TimeUnit.SECONDS).until(() -> relay.partitions().size() == config.partitions() / 2
                && second.partitions().size() == config.partitions() / 2);
        assertThat(disjoint(relay.partitions(), second.partitions())).isTrue();
    }

    @AfterEach
    void stopSecond() {
        second.halt().await().atMost(java.time.Duration.ofSeconds(10));
        // alone again, the application's relay takes every partition back
        await().atMost(20, TimeUnit.SECONDS).until(() -> relay.partitions().size() == config.partitions());
    }

    @Test
    void twoRelaysPublishEveryEventOnceAndEachAccountInOrder() throws Exception {
        List<OutboxEvent> events = insertInterleaved();

        List<ConsumerRecord<String, String>> records = read(events.size());

        assertExactlyOnceInOrder(events, records);
        // both relays did part of the work
        double bySecond = secondMeters.counter("peakgate.outbox.published").count();
        assertThat(bySecond).isPositive().isLessThan(events.size());
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE kafka_key LIKE ? AND sent_at IS NULL",
                run + "%")).isZero();
    }

    @Test
    void aRelayThatStopsRenewingHasItsPartitionsTakenOverAndTheBacklogDrains() throws Exception {
        Set<Integer> orphaned = Set.copyOf(second.partitions());
        double publishedBefore = secondMeters.counter("peakgate.outbox.published").count();
        second.crash();
        List<OutboxEvent> events = insertInterleaved();
        // some accounts' rows lie in the stopped relay's partitions: only a takeover publishes them
        Set<Integer> used = new HashSet<>();
        try (var conn = ds.getConnection(); var st = conn.prepareStatement(
                "SELECT DISTINCT (hashtext(kafka_key) & 2147483647) % ? FROM outbox WHERE kafka_key LIKE ?")) {
            st.setInt(1, config.partitions());
            st.setString(2, run + "%");
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    used.add(rs.getInt(1));
                }
            }
        }
        assertThat(used).containsAnyElementsOf(orphaned);

        await().atMost(30, TimeUnit.SECONDS).until(() -> Fixtures.count(ds,
                "SELECT count(*) FROM outbox WHERE kafka_key LIKE ? AND sent_at IS NULL", run + "%") == 0);
        List<ConsumerRecord<String, String>> records = read(events.size());

        assertExactlyOnceInOrder(events, records);
        assertThat(relay.partitions()).hasSize(config.partitions());
        assertThat(secondMeters.counter("peakgate.outbox.published").count()).isEqualTo(publishedBefore);
    }

    /** ACCOUNTS x EVENTS_PER_ACCOUNT events, account after account in turn, committed PER_TRANSACTION at a time. */
    private List<OutboxEvent> insertInterleaved() {
        List<OutboxEvent> events = new ArrayList<>();
        for (int seq = 0; seq < EVENTS_PER_ACCOUNT; seq++) {
            for (int a = 0; a < ACCOUNTS; a++) {
                events.add(outbox.envelope(Topics.READINGS, run + a, "io.peakgate.test.relay.v1", "/peakgate/test",
                        "test/" + a, OffsetDateTime.now(), Map.of("seq", seq)));
            }
        }
        for (int i = 0; i < events.size(); i += PER_TRANSACTION) {
            List<OutboxEvent> chunk = events.subList(i, Math.min(events.size(), i + PER_TRANSACTION));
            pool.withTransaction(conn -> outbox.append(conn, chunk)).await().atMost(Duration.ofSeconds(10));
        }
        return events;
    }

    private void assertExactlyOnceInOrder(List<OutboxEvent> events, List<ConsumerRecord<String, String>> records)
            throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, List<Integer>> seqByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            var event = json.readTree(r.value());
            ids.add(event.path("id").asText());
            seqByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event.path("data").path("seq").asInt());
        }
        assertThat(ids).hasSize(events.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
        List<Integer> expected = IntStream.range(0, EVENTS_PER_ACCOUNT).boxed().toList();
        assertThat(seqByKey).hasSize(ACCOUNTS);
        seqByKey.forEach((key, seqs) -> assertThat(seqs).as("order of %s", key).containsExactlyElementsOf(expected));
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-partitions-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.READINGS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.READINGS, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    /**
     * This run's records from the offsets at the test's start: waits for {@code expected}, then keeps
     * reading a few seconds more so that duplicates arriving late are counted too.
     */
    private List<ConsumerRecord<String, String>> read(int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(run)) {
                        found.add(r);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return found;
    }

    private static boolean disjoint(Set<Integer> a, Set<Integer> b) {
        Set<Integer> both = new TreeSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }
}
