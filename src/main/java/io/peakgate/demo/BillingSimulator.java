package io.peakgate.demo;

import io.peakgate.payments.PaymentEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.billing.Topics;
import io.peakgate.platform.config.DemoMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Demo and dev only: behaves like downstream billing for balances and bills. It reads the gateway's
 * payment events, keeps each account's debt (an opening debt, minus payments, plus refunds),
 * publishes a snapshot to {@code billing.balances.v1} naming the last event it applied, and every
 * few minutes issues a bill for each debt on {@code billing.bills.v1} (which autopay charges). Runs on its own thread
 * with plain Kafka clients, never on an event loop.
 *
 * <p>Idle in production: it starts only when {@code peakgate.billing.simulator.enabled} and {@link DemoMode} are
 * both on, and DemoMode is never on in the prod profile (whatever the flags say).
 */
@ApplicationScoped
public class BillingSimulator {

    private static final Logger LOG = Logger.getLogger(BillingSimulator.class);
    private static final Map<String, String> DEMO_ACCOUNTS = Map.of("esplus:3300000001", "RUB",
            "esplus:3300000002", "RUB", "kyivenergo:100000000000001", "UAH", "ntvplus:2256884759", "RUB");

    @Inject
    SimulatorConfig config;

    @Inject
    DemoMode demo;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile boolean running;
    private Thread thread;

    private record Account(long debt, String currency, String lastEventId) {
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled() && !demo.active()) {
            LOG.warn("peakgate.billing.simulator.enabled is ignored: the simulator runs only with the demo");
        }
        if (config.enabled() && demo.active()) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("billing-simulator").start(this::run);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** An opening debt per account, the same on every run. */
    static long openingDebt(String key) {
        return 100_000 + Math.floorMod(key.hashCode(), 400_000);
    }

    private void run() {
        Map<String, Account> accounts = new LinkedHashMap<>();
        Map<String, Long> refunded = new HashMap<>();
        DEMO_ACCOUNTS.forEach((key, currency) -> accounts.put(key, new Account(openingDebt(key), currency, null)));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps());
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            consumer.subscribe(List.of(Topics.PAYMENTS));
            boolean caughtUp = false;
            long nextBills = 0;
            while (running) {
                Map<String, Account> touched = new LinkedHashMap<>();
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode e = json.readTree(record.value());
                    JsonNode data = e.path("data");
                    String key = record.key();
                    Account current = accounts.getOrDefault(key, new Account(openingDebt(key),
                            data.path("amount").path("currency").asText(), null));
                    String payment = data.path("paymentId").asText();
                    long change = switch (e.path("type").asText()) {
                        case PaymentEvent.SUCCEEDED -> -data.path("amount").path("value").asLong();
                        case PaymentEvent.REFUNDED -> {
                            long total = data.path("refunded").path("value").asLong();
                            long before = refunded.getOrDefault(payment, 0L);
                            refunded.put(payment, total);
                            yield total - before;
                        }
                        default -> 0;
                    };
                    Account next = new Account(current.debt() + change, current.currency(), e.path("id").asText());
                    accounts.put(key, next);
                    touched.put(key, next);
                }
                if (caughtUp) {
                    touched.forEach((key, account) -> publish(producer, key, account));
                    if (System.nanoTime() - nextBills >= 0) {
                        nextBills = System.nanoTime() + config.billEvery().toNanos();
                        accounts.forEach((key, account) -> bill(producer, key, account));
                    }
                } else if (!consumer.assignment().isEmpty()) {
                    var ends = consumer.endOffsets(consumer.assignment());
                    caughtUp = consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                    if (caughtUp) {
                        // history replayed: publish every account once, naming the last event each one includes
                        accounts.forEach((key, account) -> publish(producer, key, account));
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("The billing simulator stopped: %s", e.toString());
        }
    }

    private void publish(KafkaProducer<String, String> producer, String key, Account account) {
        String[] parts = key.split(":", 2);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("supplier", parts[0]);
        snapshot.put("account", parts[1]);
        snapshot.put("debt", Map.of("value", account.debt(), "currency", account.currency()));
        snapshot.put("asOf", OffsetDateTime.now(ZoneOffset.UTC).toString());
        snapshot.put("lastEventId", account.lastEventId());
        try {
            producer.send(new ProducerRecord<>("billing.balances.v1", key, json.writeValueAsString(snapshot)));
        } catch (Exception e) {
            LOG.warnf("The billing simulator could not publish a snapshot: %s", e.toString());
        }
    }

    /**
     * Issues a bill for what the account owes on {@code billing.bills.v1}. The bill id names the
     * billing round, so a restarted simulator re-issues the same bills and autopay charges each once.
     */
    private void bill(KafkaProducer<String, String> producer, String key, Account account) {
        if (account.debt() <= 0) {
            return;
        }
        String[] parts = key.split(":", 2);
        long round = System.currentTimeMillis() / config.billEvery().toMillis();
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("billId", "sim-" + parts[0] + "-" + parts[1] + "-" + round);
        bill.put("supplier", parts[0]);
        bill.put("account", parts[1]);
        bill.put("amountDue", Map.of("value", account.debt(), "currency", account.currency()));
        bill.put("dueDate", java.time.LocalDate.now(ZoneOffset.UTC).plusDays(10).toString());
        try {
            producer.send(new ProducerRecord<>(Topics.BILLS, key, json.writeValueAsString(bill)));
        } catch (Exception e) {
            LOG.warnf("The billing simulator could not issue a bill: %s", e.toString());
        }
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "billing-simulator-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
