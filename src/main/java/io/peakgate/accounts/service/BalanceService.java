package io.peakgate.accounts.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.accounts.config.Suppliers;
import io.peakgate.accounts.repository.BalanceRepository;
import io.peakgate.platform.json.JsonCodec;
import io.peakgate.platform.money.Money;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Balances under peak: served from Redis; on a miss, concurrent requests for the same account share
 * one PostgreSQL query (single flight), so a month-end stampede does not become one query per
 * request. The cached figure is dropped whenever a payment, refund or snapshot changes it.
 */
@ApplicationScoped
public class BalanceService {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);

    private final ReactiveValueCommands<String, String> cache;
    private final ReactiveKeyCommands<String> keys;
    private final Map<Long, Uni<BalanceView>> inFlight = new ConcurrentHashMap<>();
    private final Counter loads;

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
    public BalanceService(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.cache = redis.value(String.class);
        this.keys = redis.key();
        this.loads = metrics.counter("peakgate.balance.loads");
    }

    public Uni<BalanceView> balance(String supplier, String account, long accountId) {
        return cache.get(key(accountId)).ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull()
                .chain(cached -> cached != null ? Uni.createFrom().item(json.read(cached, BalanceView.class))
                        : inFlight.computeIfAbsent(accountId, id -> load(supplier, account, id)
                        .onTermination().invoke(() -> inFlight.remove(id))
                        .memoize().indefinitely()))
                .map(view -> view.at(OffsetDateTime.now(clock)));
    }

    /** Forgets the cached balance after a change (best effort: the cache also expires by itself). */
    public Uni<Void> evict(long accountId) {
        return keys.del(key(accountId)).ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<BalanceView> load(String supplier, String account, long accountId) {
        loads.increment();
        String currency = suppliers.require(supplier).currency();
        return balances.load(pool, accountId).map(l -> new BalanceView(supplier, account,
                        new Money((l.debt() == null ? 0 : l.debt()) + l.movedSince(), currency),
                        l.debt() == null ? null : new BalanceView.Billing(new Money(l.debt(), l.currency()), l.asOf()),
                        new Money(l.movedSince(), currency),
                        l.promised() == null ? null : new BalanceView.PromisedPayment(new Money(l.promised(), currency),
                                l.promiseExpiresAt())))
                .call(view -> cache.set(key(accountId), json.write(view), new SetArgs().px(TTL))
                        .ifNoItem().after(REDIS_TIMEOUT).fail().onFailure().recoverWithNull());
    }

    private static String key(long accountId) {
        return "balance:" + accountId;
    }
}
