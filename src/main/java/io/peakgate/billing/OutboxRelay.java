package io.peakgate.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.peakgate.platform.async.Poller;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.peakgate.platform.tracing.TraceParents;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only thing that talks to Kafka for billing events. The outbox is split into partitions by a
 * stable hash of the Kafka key (the account); every gateway instance runs a relay that leases a
 * fair share of the partitions (a few seconds, renewed every second by a timer of its own, so a
 * relay that dies hands its partitions over within seconds) and publishes only their rows. So one
 * account's rows are published by one relay at a time, in id order, however many instances run.
 *
 * <p>A round claims the oldest unsent rows of the relay's partitions (one statement), publishes them
 * with an idempotent, acks=all producer and marks the acknowledged ones sent (one statement). A row is
 * marked only after Kafka acknowledged it: nothing is lost; a relay that dies between the
 * acknowledgement and the mark leaves rows that its successor publishes again, which consumers drop by
 * event id. When Kafka is down the rows stay and are retried after a back-off; submissions are
 * unaffected.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final String owner = "relay-" + UUID.randomUUID();
    private final AtomicInteger heldGauge = new AtomicInteger();
    private volatile long pausedUntilNanos;
    private volatile boolean failing;
    private volatile boolean leaseFailing;
    private volatile boolean seeded;
    /** Partitions leased at the last renewal, and until when (by this JVM's clock, counted from before the renewal). */
    private volatile Set<Integer> held = Set.of();
    private volatile long heldUntilNanos;
    /** Held partitions over the fair share: not claimed from any more, given back before the next round. */
    private volatile Set<Integer> retiring = Set.of();
    private volatile CompletableFuture<Void> round = CompletableFuture.completedFuture(null);
    private Poller poller;
    private Poller keeper;

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
                // buckets, not quantiles computed in this JVM: percentiles aggregate across instances
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(metrics);
        metrics.gauge("peakgate.outbox.partitions.held", heldGauge);
    }

    /**
     * Another relay in this JVM, not started, with its own identity and meters, as a second gateway
     * instance would run (tests). It shares this one's producer, which changes nothing about who may
     * publish which partition.
     */
    OutboxRelay another(MeterRegistry metrics) {
        OutboxRelay relay = new OutboxRelay(metrics);
        relay.vertx = vertx;
        relay.pool = pool;
        relay.repository = repository;
        relay.config = config;
        relay.emitter = emitter;
        return relay;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            begin();
        }
    }

    /**
     * A graceful stop begins (Quarkus fires this before its shutdown delay, {@code quarkus.shutdown.delay}): the relay
     * stops and gives its partitions back without waiting for it; the delay is their time to go back, so the other
     * relays take them over at their next renewal instead of when the lease runs out.
     */
    void draining(@Observes ShutdownDelayInitiatedEvent event) {
        if (poller != null) {
            halt().subscribe().with(ignored -> {
            });
        }
    }

    /** The last word: whatever was not given back expires with its lease ({@code peakgate.outbox.lease}). */
    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            crash();
        }
    }

    void begin() {
        renew().subscribe().with(ignored -> {
        });
        keeper = Poller.every(vertx, config.renewInterval(), this::renew);
        poller = Poller.every(vertx, config.pollInterval(), this::poll);
    }

    /**
     * Stops, lets the round under way finish (at most 5 s) and gives the partitions back, so that the other relays
     * take them over at their next renewal rather than when the lease runs out. Never fails: what cannot be given
     * back expires with its lease.
     */
    Uni<Void> halt() {
        crash();
        return Uni.createFrom().completionStage(round).ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem((Void) null)
                .chain(() -> repository.release(pool, owner, held))
                .chain(() -> repository.leave(pool, owner))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Outbox relay could not give its partitions back (they expire in %s): %s", config.lease(),
                            e.toString());
                    return Uni.createFrom().voidItem();
                })
                .replaceWithVoid();
    }

    /** Stops renewing and publishing without giving anything back, as a killed instance would. */
    void crash() {
        if (keeper != null) {
            keeper.stop();
        }
        if (poller != null) {
            poller.stop();
        }
    }

    /** The partitions this relay leased at its last renewal. */
    Set<Integer> partitions() {
        return held;
    }

    String owner() {
        return owner;
    }

    Uni<Void> renew() {
        long startedAt = System.nanoTime();
        Uni<Void> seed = seeded ? Uni.createFrom().voidItem()
                : repository.addPartitions(pool, config.partitions()).invoke(() -> seeded = true);
        return seed.chain(() -> repository.lease(pool, owner, config.lease(), config.partitions()))
                .invoke(leases -> {
                    held = leases.held();
                    heldUntilNanos = startedAt + config.lease().toNanos();
                    heldGauge.set(leases.held().size());
                    Set<Integer> excess = new TreeSet<>();
                    leases.held().stream().sorted((a, b) -> b - a)
                            .limit(Math.max(0, leases.held().size() - leases.share())).forEach(excess::add);
                    retiring = Set.copyOf(excess);
                    if (leaseFailing) {
                        leaseFailing = false;
                        LOG.infof("Outbox relay %s renews its partition leases again", owner);
                    }
                })
                .onFailure().invoke(e -> {
                    if (!leaseFailing) {
                        leaseFailing = true;
                        LOG.warnf("Outbox relay %s could not renew its partition leases: %s", owner, e.toString());
                    }
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Void> poll() {
        if (System.nanoTime() < pausedUntilNanos) {
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        round = done;
        return giveBackExcess().chain(() -> drain(config.maxRounds()))
                .onFailure().invoke(e -> LOG.warnf("Outbox relay round failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid()
                .eventually(() -> done.complete(null));
    }

    /** Between rounds, so that nothing of these partitions is on its way to Kafka. */
    private Uni<Void> giveBackExcess() {
        Set<Integer> excess = retiring;
        if (excess.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.release(pool, owner, excess).invoke(() -> {
            Set<Integer> left = new TreeSet<>(held);
            left.removeAll(excess);
            held = Set.copyOf(left);
            heldGauge.set(left.size());
            retiring = Set.of();
        });
    }

    private Uni<Void> drain(int roundsLeft) {
        Set<Integer> parts = new TreeSet<>(held);
        parts.removeAll(retiring);
        if (roundsLeft == 0 || parts.isEmpty() || !leased()) {
            return Uni.createFrom().voidItem();
        }
        // after a failure, one row at a time until Kafka acknowledges again: a batch sent into a broker
        // that is just coming back can have an earlier record time out while a later one succeeds,
        // which would break one account's order
        int limit = failing ? 1 : config.batchSize();
        // claims only while at least half the lease is left by the database's clock: a round takes
        // milliseconds, so it ends long before another relay could take the partition over
        return repository.claim(pool, owner, parts, config.partitions(), config.lease().dividedBy(2), limit)
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : publish(rows).chain(complete -> complete && retiring.isEmpty()
                                ? drain(roundsLeft - 1) : Uni.createFrom().voidItem()));
    }

    /** Whether the last renewal's leases are still running by this JVM's clock. */
    private boolean leased() {
        return System.nanoTime() < heldUntilNanos;
    }

    /**
     * Publishes the rows; returns whether all of them were acknowledged. Different keys go out in
     * parallel; one key's rows go one after the other, each only once the previous one is
     * acknowledged. The idempotent producer (acks=all, at most 5 requests in flight) alone would keep
     * a partition's records in order only while they succeed: a record that expires while the broker
     * comes back is failed, the producer starts a new epoch and a later record of the same account can
     * still be written, behind a gap. Waiting for each acknowledgement costs little, since a batch
     * carries one or two records of most accounts. After a key's first failure its remaining rows are
     * not sent; a key whose lease ran out (renewals failing) sends no further row either.
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
            OffsetDateTime now = OffsetDateTime.now();
            for (OutboxRepository.Claimed row : rows) {
                if (sent.contains(row.id())) {
                    acknowledged.add(row.id());
                    lag.record(Duration.between(row.createdAt(), now));
                }
            }
            boolean complete = acknowledged.size() == rows.size();
            published.increment(acknowledged.size());
            if (complete && failing) {
                failing = false;
                LOG.info("Kafka publishing recovered; draining the outbox backlog");
            }
            if (!complete && failing) {
                pausedUntilNanos = System.nanoTime() + config.backoff().toNanos();
            }
            return repository.markSent(pool, acknowledged).replaceWith(complete);
        });
    }

    /** Sends one key's rows from {@code index} on, each after the previous acknowledgement. */
    private Uni<Void> sendInOrder(List<OutboxRepository.Claimed> keyRows, int index, Set<Long> sent) {
        if (index == keyRows.size()) {
            return Uni.createFrom().voidItem();
        }
        if (!leased()) {
            return Uni.createFrom().failure(new IllegalStateException("partition lease ran out"));
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
        return emitter.sendMessage(TraceParents.childOf(Message.of(row.payload()).addMetadata(metadata), row.traceparent()));
    }

    private void noteFailure(Throwable e) {
        failures.increment();
        if (!failing) {
            failing = true;
            LOG.warnf("Kafka publishing failed; outbox rows are kept and retried: %s", e.toString());
        }
    }
}
