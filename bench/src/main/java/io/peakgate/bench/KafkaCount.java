package io.peakgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Counts what reached a topic since a time, for one client's readings: records, distinct event ids
 * and distinct reading ids. Duplicates after dedupe by event id must be zero.
 * Usage: {@code KafkaCount <topic> <since epoch ms> <source> [acknowledged ids file]}; with the file,
 * also counts the acknowledged readings that never reached the topic.
 */
public final class KafkaCount {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long records = 0;
        Set<String> events = new HashSet<>();
        Set<String> readings = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[0], Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(args[0], i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(tp -> since.put(tp, Long.parseLong(args[1])));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            long idle = 0;
            while (idle < 3) {
                var batch = consumer.poll(Duration.ofMillis(500));
                idle = batch.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> r : batch) {
                    JsonNode e = json.readTree(r.value());
                    if (!args[2].equals(e.path("data").path("source").asText())) {
                        continue;
                    }
                    records++;
                    events.add(e.path("id").asText());
                    readings.add(e.path("data").path("readingId").asText());
                }
            }
        }
        long missing = 0;
        if (args.length > 3) {
            for (String id : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[3]))) {
                if (!id.isBlank() && !readings.contains(id.trim())) {
                    missing++;
                }
            }
        }
        System.out.printf("{\"records\":%d,\"distinctEvents\":%d,\"distinctReadings\":%d,\"missing\":%d}%n", records,
                events.size(), readings.size(), missing);
    }
}
