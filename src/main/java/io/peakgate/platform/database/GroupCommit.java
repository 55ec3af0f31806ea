package io.peakgate.platform.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Group commit: concurrent single writes of one lane (e.g. one supplier's readings) are written
 * together, in one transaction on one connection, so they share its round trips and its WAL flush.
 *
 * <p>A lane runs at most {@code maxConcurrent} groups at once. The first item to arrive at an idle
 * lane starts a group at once (a lone request waits for nothing); the group takes what has queued
 * when its connection is ready, up to {@code maxItems}, so under load groups fill while the previous
 * ones commit, and at low load they hold one item. Two items with the same {@code identity} (an
 * idempotency key) never share a group: the later one waits for the next, where it sees the first's
 * committed outcome. Each caller gets its own outcome only after the group's commit, on its own
 * Vert.x context; a failure of the transaction itself (the database gone, a deadlock retried once)
 * fails every item of the group and commits none.
 *
 * @param <I> what a caller submits
 * @param <R> what a caller gets back
 */
public final class GroupCommit<I, R> {

    /** Writes one group in the open transaction: one outcome per item, in the items' order. */
    @FunctionalInterface
    public interface Work<I, R> {
        Uni<List<Outcome<R>>> write(SqlConnection conn, String lane, List<I> items);
    }

    /** One item's own outcome inside a committed group: its result, or the failure its caller gets. */
    public record Outcome<R>(R result, Throwable failure) {
        public static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION = "40001";

    private final Pool pool;
    private final int maxConcurrent;
    private final int maxItems;
    private final Function<I, Object> identity;
    private final Work<I, R> work;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final DistributionSummary sizes;
    private final Counter retries;

    public GroupCommit(Pool pool, String name, int maxConcurrent, int maxItems, Function<I, Object> identity,
                       Work<I, R> work, MeterRegistry metrics) {
        if (maxConcurrent < 1 || maxItems < 1) {
            throw new IllegalArgumentException("a group commit needs at least one group of at least one item");
        }
        this.pool = pool;
        this.maxConcurrent = maxConcurrent;
        this.maxItems = maxItems;
        this.identity = identity;
        this.work = work;
        this.sizes = DistributionSummary.builder("peakgate.group.commit.size").tag("name", name)
                .description("Items written per group commit")
                // buckets, not quantiles computed in this JVM: percentiles aggregate across instances
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue((double) Math.max(maxItems, 2))
                .register(metrics);
        this.retries = metrics.counter("peakgate.group.commit.retries", "name", name);
        metrics.gauge("peakgate.group.commit.queued", List.of(io.micrometer.core.instrument.Tag.of("name", name)),
                queued);
        metrics.gauge("peakgate.group.commit.running", List.of(io.micrometer.core.instrument.Tag.of("name", name)),
                running);
    }

    /** Writes {@code item} in the next group of {@code lane}; completes after that group's commit. */
    public Uni<R> submit(String lane, I item) {
        return Uni.createFrom().emitter(emitter -> {
            Lane l = lanes.computeIfAbsent(lane, k -> new Lane(k));
            boolean start;
            synchronized (l) {
                l.queue.addLast(new Pending<>(item, identity.apply(item), Vertx.currentContext(), emitter));
                queued.incrementAndGet();
                start = l.running < maxConcurrent;
                if (start) {
                    l.running++;
                    running.incrementAndGet();
                }
            }
            if (start) {
                run(l);
            }
        });
    }

    /** Items waiting for a group, over all lanes (for tests and the queued gauge). */
    public int queued() {
        return queued.get();
    }

    /** Groups in progress, over all lanes. */
    public int running() {
        return running.get();
    }

    private void run(Lane lane) {
        AtomicReference<List<Pending<I, R>>> taken = new AtomicReference<>();
        pool.withTransaction(conn -> {
                    List<Pending<I, R>> group = drain(lane);
                    taken.set(group);
                    if (group.isEmpty()) {
                        return Uni.createFrom().item(List.<Outcome<R>>of());
                    }
                    sizes.record(group.size());
                    return work.write(conn, lane.name, group.stream().map(Pending::item).toList());
                })
                .subscribe().with(outcomes -> {
                    List<Pending<I, R>> group = taken.get();
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).settle(outcomes.get(i));
                    }
                    next(lane);
                }, failure -> {
                    List<Pending<I, R>> group = taken.get();
                    if (group == null) {
                        // no connection (pool exhausted, or PostgreSQL away): those who waited for this group fail
                        group = drain(lane);
                    }
                    // a deadlock or serialization failure says nothing about the items: each is tried once more
                    boolean retriable = retriable(failure);
                    List<Pending<I, R>> again = new ArrayList<>();
                    for (Pending<I, R> p : group) {
                        if (retriable && p.attempts++ == 0) {
                            again.add(p);
                        } else {
                            p.settle(Outcome.failed(failure));
                        }
                    }
                    if (!again.isEmpty()) {
                        retries.increment();
                        requeue(lane, again);
                    }
                    next(lane);
                });
    }

    private void next(Lane lane) {
        synchronized (lane) {
            if (lane.queue.isEmpty()) {
                lane.running--;
                running.decrementAndGet();
                return;
            }
        }
        run(lane);
    }

    private List<Pending<I, R>> drain(Lane lane) {
        List<Pending<I, R>> group = new ArrayList<>();
        Set<Object> identities = new HashSet<>();
        synchronized (lane) {
            Iterator<Pending<I, R>> it = lane.queue.iterator();
            while (it.hasNext() && group.size() < maxItems) {
                Pending<I, R> p = it.next();
                if (p.identity != null && !identities.add(p.identity)) {
                    continue;
                }
                it.remove();
                group.add(p);
            }
        }
        queued.addAndGet(-group.size());
        return group;
    }

    private void requeue(Lane lane, List<Pending<I, R>> items) {
        synchronized (lane) {
            for (int i = items.size() - 1; i >= 0; i--) {
                lane.queue.addFirst(items.get(i));
            }
        }
        queued.addAndGet(items.size());
    }

    private static boolean retriable(Throwable failure) {
        return failure instanceof PgException pg
                && (DEADLOCK.equals(pg.getSqlState()) || SERIALIZATION.equals(pg.getSqlState()));
    }

    private final class Lane {
        final String name;
        final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>();
        int running;

        Lane(String name) {
            this.name = name;
        }
    }

    private static final class Pending<I, R> {
        final I item;
        final Object identity;
        final Context context;
        final UniEmitter<? super R> emitter;
        int attempts;

        Pending(I item, Object identity, Context context, UniEmitter<? super R> emitter) {
            this.item = item;
            this.identity = identity;
            this.context = context;
            this.emitter = emitter;
        }

        I item() {
            return item;
        }

        void settle(Outcome<R> outcome) {
            Runnable answer = outcome.failure() == null ? () -> emitter.complete(outcome.result())
                    : () -> emitter.fail(outcome.failure());
            if (context == null || context == Vertx.currentContext()) {
                answer.run();
            } else {
                context.runOnContext(v -> answer.run());
            }
        }
    }
}
