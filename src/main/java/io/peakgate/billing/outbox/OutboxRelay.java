package io.peakgate.billing.outbox;

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
import java.util.List;
import java.util.Objects;
import java.util.UUID;

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

    /** Publishes the rows in order; returns whether all of them were acknowledged. */
    private Uni<Boolean> publish(List<OutboxRepository.Claimed> rows) {
        List<Uni<Long>> sends = rows.stream().map(row -> send(row)
                .replaceWith(row.id())
                .onFailure().recoverWithItem(e -> {
                    noteFailure(e);
                    return null;
                })).toList();
        return Uni.join().all(sends).andFailFast().chain(results -> {
            List<Long> sent = results.stream().filter(Objects::nonNull).toList();
            List<Long> unsent = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now();
            for (int i = 0; i < rows.size(); i++) {
                if (results.get(i) == null) {
                    unsent.add(rows.get(i).id());
                } else {
                    lag.record(Duration.between(rows.get(i).createdAt(), now));
                }
            }
            published.increment(sent.size());
            if (unsent.isEmpty() && failing) {
                failing = false;
                LOG.info("Kafka publishing recovered; draining the outbox backlog");
            }
            if (!unsent.isEmpty()) {
                pausedUntilNanos = System.nanoTime() + config.backoff().toNanos();
            }
            return repository.markSent(pool, owner, sent)
                    .chain(() -> repository.release(pool, owner, unsent))
                    .replaceWith(unsent.isEmpty());
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
