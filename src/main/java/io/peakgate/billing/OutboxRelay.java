package io.peakgate.billing;

import io.micrometer.core.instrument.Counter;
import io.peakgate.platform.async.Poller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only thing that talks to Kafka for billing events: claims unsent outbox rows (leased, so
 * several gateway instances share the work without publishing a row twice), publishes them with
 * an idempotent, acks=all producer, and marks them sent. When Kafka is down the rows stay and
 * are retried after a back-off; submissions are unaffected.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final String owner = "relay-" + UUID.randomUUID();
    private volatile long pausedUntilNanos;
    private volatile boolean failing;
    private Poller poller;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    OutboxRepository repository;

    @Inject
    OutboxConfig config;

    @Inject
    @Channel("billing-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    private final Counter published;
    private final Counter failures;
    private final Timer lag;

    @Inject
    public OutboxRelay(MeterRegistry metrics) {
        this.published = metrics.counter("peakgate.outbox.published");
        this.failures = metrics.counter("peakgate.outbox.publish.failures");
        this.lag = Timer.builder("peakgate.outbox.lag").description("Time from commit to the Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            poller = Poller.every(vertx, config.pollInterval(), this::poll);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.stop();
        }
    }

    Uni<Void> poll() {
        if (System.nanoTime() < pausedUntilNanos) {
            return Uni.createFrom().voidItem();
        }
        return drain(config.maxRounds())
                .onFailure().invoke(e -> LOG.warnf("Outbox relay round failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> drain(int roundsLeft) {
        if (roundsLeft == 0) {
            return Uni.createFrom().voidItem();
        }
        // after a failure, one row at a time until Kafka acknowledges again: a batch sent into a broker
        // that is just coming back can have an earlier record time out while a later one succeeds,
        // which would break one account's order
        int limit = failing ? 1 : config.batchSize();
        return repository.claim(pool, owner, limit, config.lease()).chain(rows -> rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : publish(rows).chain(complete -> complete ? drain(roundsLeft - 1) : Uni.createFrom().voidItem()));
    }

    /**
     * Publishes the rows; returns whether all of them were acknowledged. Different keys go out in
     * parallel; one key's rows go one after the other, each only once the previous one is
     * acknowledged, so a record that times out while Kafka comes back can never be overtaken by a
     * later record of the same account. After a key's first failure its remaining rows are not sent.
     */
    private Uni<Boolean> publish(List<OutboxRepository.Claimed> rows) {
        Map<String, List<OutboxRepository.Claimed>> byKey = new LinkedHashMap<>();
        for (OutboxRepository.Claimed row : rows) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        Set<Long> sent = ConcurrentHashMap.newKeySet();
        List<Uni<Void>> chains = byKey.values().stream().map(keyRows -> sendInOrder(keyRows, 0, sent)).toList();
        return Uni.join().all(chains).andCollectFailures().onFailure().recoverWithNull().chain(ignored -> {
            List<Long> acknowledged = new ArrayList<>();
            List<Long> unsent = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now();
            for (OutboxRepository.Claimed row : rows) {
                if (sent.contains(row.id())) {
                    acknowledged.add(row.id());
                    lag.record(Duration.between(row.createdAt(), now));
                } else {
                    unsent.add(row.id());
                }
            }
            published.increment(acknowledged.size());
            if (unsent.isEmpty() && failing) {
                failing = false;
                LOG.info("Kafka publishing recovered; draining the outbox backlog");
            }
            if (!unsent.isEmpty()) {
                pausedUntilNanos = System.nanoTime() + config.backoff().toNanos();
            }
            return repository.markSent(pool, owner, acknowledged)
                    .chain(() -> repository.release(pool, owner, unsent))
                    .replaceWith(unsent.isEmpty());
        });
    }

    /** Sends one key's rows from {@code index} on, each after the previous acknowledgement. */
    private Uni<Void> sendInOrder(List<OutboxRepository.Claimed> keyRows, int index, Set<Long> sent) {
        if (index == keyRows.size()) {
            return Uni.createFrom().voidItem();
        }
        OutboxRepository.Claimed row = keyRows.get(index);
        return send(row)
                .onFailure().invoke(this::noteFailure)
                .chain(() -> {
                    sent.add(row.id());
                    return sendInOrder(keyRows, index + 1, sent);
                });
    }

    private Uni<Void> send(OutboxRepository.Claimed row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", EventEnvelopes.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata));
    }

    private void noteFailure(Throwable e) {
        failures.increment();
        if (!failing) {
            failing = true;
            LOG.warnf("Kafka publishing failed; outbox rows are kept and retried: %s", e.toString());
        }
    }
}
