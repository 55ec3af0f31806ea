package io.peakgate.accounts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.json.JsonCodec;
import io.peakgate.platform.money.Money;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The balance's front door: what the gateway moved since billing's last figure (written inside the
 * transaction of the payment that moved it), and the balance as served. Balances under peak: served from Redis; on a miss, concurrent requests for the same account share
 * one PostgreSQL query (single flight), so a month-end stampede does not become one query per
 * request. The cached figure is dropped whenever a payment, refund or snapshot changes it.
 */
@ApplicationScoped
public class BalanceLedger {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);

    private final ReactiveValueCommands<String, String> cache;
    private final ReactiveKeyCommands<String> keys;
    private final Map<Long, Uni<BalanceView>> inFlight = new ConcurrentHashMap<>();
    /** Fills that stored their result (or tried to): see {@link #join}. */
    private final AtomicLong fills = new AtomicLong();
    /**
     * Evictions by stripe of account ids: a fill that read PostgreSQL before an eviction of its account
     * must not store its (now stale) figure after the eviction's DEL; it compares its stripe's count.
     */
    private final AtomicLongArray evictions = new AtomicLongArray(1024);
    private final Counter loads;
    private final Counter misses;

    @Inject
    Pool pool;

    @Inject
    BalanceRepository balances;

    @Inject
    Suppliers suppliers;

    @Inject
    JsonCodec json;

    @Inject
    Clock clock;

    @Inject
    public BalanceLedger(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.cache = redis.value(String.class);
        this.keys = redis.key();
        this.loads = metrics.counter("peakgate.balance.loads");
        this.misses = metrics.counter("peakgate.balance.misses");
    }

    public Uni<BalanceView> balance(String supplier, String account, long accountId) {
        return Uni.createFrom().deferred(() -> {
                    long seen = fills.get();
                    return cached(accountId).chain(view -> view != null ? Uni.createFrom().item(view)
                            : join(supplier, account, accountId, seen));
                })
                .map(view -> view.at(OffsetDateTime.now(clock)));
    }

    /**
     * A miss joins the fill in flight for the account, or starts one. A fill that finished while this
     * request's GET was on its way (its SET landed after the GET was served) is no longer in flight but
     * has filled the cache: then the cache is read again instead of querying PostgreSQL a second time.
     * {@code seen} is the count of finished fills before the GET; a fill counts itself before it leaves
     * {@code inFlight}, and the map's compute is atomic with that removal, so a request never finds the
     * account neither in flight nor counted.
     */
    private Uni<BalanceView> join(String supplier, String account, long accountId, long seen) {
        Uni<BalanceView> flight = inFlight.compute(accountId, (id, current) -> current != null ? current
                : fills.get() == seen ? fill(supplier, account, id) : null);
        if (flight != null) {
            misses.increment();
            return flight;
        }
        return cached(accountId).chain(view -> {
            if (view != null) {
                return Uni.createFrom().item(view);
            }
            misses.increment();
            return inFlight.computeIfAbsent(accountId, id -> fill(supplier, account, id));
        });
    }

    private Uni<BalanceView> cached(long accountId) {
        return cache.get(key(accountId)).ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull()
                .map(cached -> cached == null ? null : json.read(cached, BalanceView.class));
    }

    private Uni<BalanceView> fill(String supplier, String account, long accountId) {
        return load(supplier, account, accountId)
                .onItem().invoke(fills::incrementAndGet)
                .onTermination().invoke(() -> inFlight.remove(accountId))
                .memoize().indefinitely();
    }

    /** A past balance: debt (positive) or credit (negative), from billing's snapshot taken at {@code snapshotAsOf}. */
    public record Past(Money debt, Money snapshot, OffsetDateTime snapshotAsOf) {
    }

    /**
     * The balance at a past moment, as {@link #balance} computes today's: the last snapshot at or before it,
     * plus what the gateway moved after that snapshot and before the moment. Null when billing had sent
     * no snapshot by then. Read from PostgreSQL, never from the cache.
     */
    public Uni<Past> at(String supplier, long accountId, OffsetDateTime moment) {
        String currency = suppliers.require(supplier).currency();
        return balances.at(pool, accountId, moment).map(s -> s == null ? null
                : new Past(new Money(s.debt() + s.movedSince(), currency), new Money(s.debt(), s.currency()), s.asOf()));
    }

    /** Forgets the cached balance after a change (best effort: the cache also expires by itself). */
    public Uni<Void> evict(long accountId) {
        evictions.incrementAndGet(stripe(accountId));
        return keys.del(key(accountId)).ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Records a change the gateway sent billing, keyed by the event that carried it, in the caller's transaction. */
    public Uni<Void> move(SqlConnection conn, UUID eventId, long accountId, UUID paymentId, long amount,
                          OffsetDateTime at) {
        return balances.move(conn, eventId, accountId, paymentId, amount, at);
    }

    /** What earlier movements already gave back of this payment. */
    public Uni<Long> refundedBefore(SqlConnection conn, UUID paymentId) {
        return balances.refundedBefore(conn, paymentId);
    }

    private Uni<BalanceView> load(String supplier, String account, long accountId) {
        loads.increment();
        long evicted = evictions.get(stripe(accountId));
        String currency = suppliers.require(supplier).currency();
        return balances.load(pool, accountId).map(l -> new BalanceView(supplier, account,
                        new Money((l.debt() == null ? 0 : l.debt()) + l.movedSince(), currency),
                        l.debt() == null ? null : new BalanceView.Billing(new Money(l.debt(), l.currency()), l.asOf()),
                        new Money(l.movedSince(), currency),
                        l.promised() == null ? null : new BalanceView.PromisedPayment(new Money(l.promised(), currency),
                                l.promiseExpiresAt())))
                .call(view -> evictions.get(stripe(accountId)) != evicted ? Uni.createFrom().voidItem()
                        : cache.set(key(accountId), json.write(view), new SetArgs().px(TTL))
                        .ifNoItem().after(REDIS_TIMEOUT).fail().onFailure().recoverWithNull());
    }

    private static int stripe(long accountId) {
        return (int) (accountId & 1023);
    }

    private static String key(long accountId) {
        return "balance:" + accountId;
    }
}
