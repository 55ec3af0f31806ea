package io.peakgate.reliability;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the whole suite (failsafe, so after every surefire test): the demo API keys, the provider and
 * partner secrets and the sandbox's full test card numbers (plain, spaced, dashed) appear nowhere in
 * the clear: not in the test log, not in any text, JSON or bytea column of any table of the test
 * database, not in any record of the billing.* Kafka topics. Masked cards (first six and last four)
 * and SHA-256 hashes of keys are fine; they are not what is searched for.
 */
class SecretsScanIT {

    private static final Path LOG_DIR = Path.of("target");
    private static final Pattern DEMO_SECRET = Pattern.compile("demo-[a-z0-9-]*?(?:secret|private-key|portal-key|ops-key|admin-key|password)\\b");
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?:private-key|password|secret|secret-key)$");
    private static final Pattern PAN = Pattern.compile("\"(\\d{16})\"");

    private static final Set<String> SECRETS = new LinkedHashSet<>();

    @BeforeAll
    static void secrets() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        String demoData = Files.readString(Path.of("src/main/java/io/peakgate/demo/DemoData.java"));
        for (String text : List.of(readme, properties, demoData)) {
            Matcher m = DEMO_SECRET.matcher(text);
            while (m.find()) {
                SECRETS.add(m.group());
            }
        }
        Properties config = new Properties();
        config.load(new StringReader(properties));
        for (String key : config.stringPropertyNames()) {
            String value = config.getProperty(key).trim();
            if (!key.contains("quarkus.") && SECRET_PROPERTY.matcher(key).find() && !value.isEmpty() && !value.startsWith("${")) {
                SECRETS.add(value);
            }
        }
        Matcher cards = PAN.matcher(Files.readString(
                Path.of("src/main/java/io/peakgate/payments/provider/sandbox/SandboxCards.java")));
        int pans = 0;
        while (cards.find()) {
            String pan = cards.group(1);
            SECRETS.add(pan);
            SECRETS.add(String.join(" ", pan.substring(0, 4), pan.substring(4, 8), pan.substring(8, 12), pan.substring(12)));
            SECRETS.add(String.join("-", pan.substring(0, 4), pan.substring(4, 8), pan.substring(8, 12), pan.substring(12)));
            pans++;
        }
        assertThat(pans).as("sandbox test cards").isGreaterThanOrEqualTo(9);
        assertThat(SECRETS).contains("demo-portal-key", "demo-aggregator-portal-key", "demo-ops-key", "demo-admin-key", "demo-sandbox-secret", "demo-sms-secret",
                "demo-agent-secret", "demo-liqpay-private-key", "demo-tbank-password", "demo-yoomoney-secret",
                "demo-webmoney-secret", "4111111111111111", "4111 1111 1111 1111");
    }

    @Test
    void theTestLogHoldsNoSecret() throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(LOG_DIR)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("quarkus-test.log")).toList();
        }
        assertThat(logs).as("target/quarkus-test.log (written by the test profile; run the suite first)").isNotEmpty();
        List<String> hits = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            lines += content.size();
            for (String line : content) {
                scan(log.toString(), new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), hits);
            }
        }
        assertThat(lines).isPositive();
        assertThat(hits).as("secrets in the test log").isEmpty();
    }

    @Test
    void noColumnOfTheTestDatabaseHoldsASecret() throws Exception {
        List<String> hits = new ArrayList<>();
        long values = 0;
        try (Connection db = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres")) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement st = db.prepareStatement("""
                    SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
                    WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                      AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')
                      AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')
                    ORDER BY 1, 2, 3"""); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            assertThat(columns).as("columns of the test database").extracting(c -> c[1] + "." + c[2])
                    .contains("api_key.hash", "outbox.payload", "bound_card.sealed", "idempotency_record.body");
            for (String[] c : columns) {
                String column = "\"" + c[2] + "\"";
                // bytea in escape form: printable ASCII stays as it is, so a clear secret in it still reads as text
                String expr = c[3].equals("bytea") ? "encode(" + column + ", 'escape')" : column + "::text";
                try (PreparedStatement st = db.prepareStatement("SELECT " + expr + " FROM \"" + c[0] + "\".\"" + c[1]
                        + "\" WHERE " + column + " IS NOT NULL"); ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        values++;
                        scan(c[1] + "." + c[2], rs.getString(1), hits);
                    }
                }
            }
        }
        assertThat(values).isPositive();
        assertThat(hits).as("secrets in PostgreSQL").isEmpty();
    }

    @Test
    void noBillingEventHoldsASecret() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String> hits = new ArrayList<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                    .filter(t -> t.getKey().startsWith("billing."))
                    .flatMap(t -> t.getValue().stream().map(p -> new TopicPartition(t.getKey(), p.partition())))
                    .toList();
            assertThat(partitions).as("billing.* topics").isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read every billing.* record within 3 minutes").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String where = r.topic() + "/" + r.partition() + "@" + r.offset();
                    scan(where, r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8), hits);
                    scan(where, r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8), hits);
                    r.headers().forEach(h -> scan(where + " header " + h.key(),
                            h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8), hits));
                }
            }
        }
        assertThat(records).isPositive();
        assertThat(hits).as("secrets on the billing topics").isEmpty();
    }

    private static void scan(String where, String text, List<String> hits) {
        if (text == null || hits.size() >= 50) {
            return;
        }
        for (String secret : SECRETS) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                hits.add(where + ": '" + secret + "' in ..." + text.substring(Math.max(0, at - 60),
                        Math.min(text.length(), at + secret.length() + 60)) + "...");
            }
        }
    }

    /** The test profile's database, or the override the test run was given (the variable Quarkus itself reads). */
    private static String jdbcUrl() throws IOException {
        String override = System.getenv("_TEST_QUARKUS_DATASOURCE_JDBC_URL");
        if (override != null && !override.isBlank()) {
            return override;
        }
        Properties config = new Properties();
        config.load(new StringReader(Files.readString(Path.of("src/main/resources/application.properties"))));
        return config.getProperty("%test.quarkus.datasource.jdbc.url");
    }
}
