package io.peakgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What reached a topic since a time, from the records themselves.
 *
 * <p>{@code KafkaCount <topic> <since epoch ms> <source> [acknowledged ids file]}: one client's readings
 * (the fault scenarios): records, distinct event ids and distinct reading ids, and with the file the
 * acknowledged readings that never reached the topic. Duplicates after dedupe by event id must be zero.
 *
 * <p>{@code KafkaCount --topic T --since MS --source-prefix P --ids-dir D --out F}: one bench run, each
 * step's readings apart (their source is {@code P<scenario>-<step>}): records, distinct readings, readings
 * on Kafka more than once (and how many of those under another event id, which consumers' dedupe keeps), the step's 201s ({@code D/ids-<source>.txt}) missing from Kafka, records of
 * readings the client never saw accepted, and accept-to-Kafka latency (the record's timestamp minus the
 * reading's {@code submittedAt}) p50/p99/max.
 */
public final class KafkaCount {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--")) {
            run(args);
            return;
        }
        long[] records = {0};
        Set<String> events = new HashSet<>();
        Set<String> readings = new HashSet<>();
        read(args[0], Long.parseLong(args[1]), r -> {
            JsonNode e = parse(r.value());
            if (!args[2].equals(e.path("data").path("source").asText())) {
                return;
            }
            records[0]++;
            events.add(e.path("id").asText());
            readings.add(e.path("data").path("readingId").asText());
        });
        long missing = 0;
        if (args.length > 3) {
            for (String id : Files.readAllLines(Path.of(args[3]))) {
                if (!id.isBlank() && !readings.contains(id.trim())) {
                    missing++;
                }
            }
        }
        System.out.printf("{\"records\":%d,\"distinctEvents\":%d,\"distinctReadings\":%d,\"missing\":%d}%n", records[0],
                events.size(), readings.size(), missing);
    }

    /** Per source of one bench run. */
    private static final class PerSource {
        long records;
        final Map<String, Integer> readings = new HashMap<>();
        final Set<String> events = new HashSet<>();
        final Histogram latency = new Histogram(3_600_000_000L, 3);
    }

    private static void run(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String prefix = args.get("source-prefix");
        Map<String, PerSource> sources = new TreeMap<>();
        read(args.getOrDefault("topic", "billing.readings.v1"), Long.parseLong(args.get("since")), r -> {
            JsonNode e = parse(r.value());
            String source = e.path("data").path("source").asText();
            if (!source.startsWith(prefix)) {
                return;
            }
            PerSource s = sources.computeIfAbsent(source, k -> new PerSource());
            s.records++;
            s.events.add(e.path("id").asText());
            s.readings.merge(e.path("data").path("readingId").asText(), 1, Integer::sum);
            long accepted = acceptedAtMillis(e.path("data").path("submittedAt"));
            if (accepted > 0) {
                s.latency.recordValue(Math.max(0, r.timestamp() - accepted) * 1000 + 1);
            }
        });
        Path dir = Path.of(args.getOrDefault("ids-dir", "."));
        Set<String> withIds = new HashSet<>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("ids-" + prefix) && n.endsWith(".txt"))
                    .forEach(n -> withIds.add(n.substring(4, n.length() - 4)));
        }
        withIds.forEach(s -> sources.computeIfAbsent(s, k -> new PerSource()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (var entry : sources.entrySet()) {
            PerSource s = entry.getValue();
            Path idsFile = dir.resolve("ids-" + entry.getKey() + ".txt");
            List<String> acknowledged = Files.exists(idsFile) ? Files.readAllLines(idsFile) : List.of();
            Set<String> acked = new HashSet<>();
            long missing = 0;
            for (String id : acknowledged) {
                if (!id.isBlank() && acked.add(id.trim()) && !s.readings.containsKey(id.trim())) {
                    missing++;
                }
            }
            long unacknowledged = s.readings.keySet().stream().filter(id -> !acked.contains(id)).count();
            long duplicated = s.readings.values().stream().filter(n -> n > 1).count();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("records", s.records);
            m.put("distinctReadings", s.readings.size());
            m.put("acknowledged", acked.size());
            m.put("missing", missing);
            m.put("duplicated", duplicated);
            // consumers drop a record whose event id they have seen: a reading under two event ids stays twice
            m.put("distinctEvents", s.events.size());
            m.put("duplicatedUnderNewEventId", s.events.size() - s.readings.size());
            m.put("notAcknowledged", unacknowledged);
            m.put("latencyP50Ms", s.latency.getTotalCount() == 0 ? -1 : s.latency.getValueAtPercentile(50) / 1000.0);
            m.put("latencyP99Ms", s.latency.getTotalCount() == 0 ? -1 : s.latency.getValueAtPercentile(99) / 1000.0);
            m.put("latencyMaxMs", s.latency.getTotalCount() == 0 ? -1 : s.latency.getMaxValue() / 1000.0);
            out.put(entry.getKey(), m);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        Files.writeString(Path.of(args.getOrDefault("out", "kafka.json")), json);
        System.out.println(json);
    }

    /** {@code submittedAt} as ISO-8601 text, or as epoch seconds if the gateway writes dates as numbers. */
    private static long acceptedAtMillis(JsonNode at) {
        try {
            return at.isNumber() ? (long) (at.asDouble() * 1000) : OffsetDateTime.parse(at.asText()).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** Every record of the topic from {@code since} up to the end offsets as they are when it starts. */
    private static void read(String topic, long since, Consumer<ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            partitions.forEach(tp -> from.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(from);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                long offset = start == null ? ends.get(tp) : start.offset();
                consumer.seek(tp, offset);
                if (offset < ends.get(tp)) {
                    open.add(tp);
                }
            }
            long idle = 0;
            while (!open.isEmpty() && idle < 20) {
                var batch = consumer.poll(Duration.ofMillis(500));
                idle = batch.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> r : batch) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        each.accept(r);
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
        }
    }
}
