package io.peakgate.platform.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Fixed-window counters in Redis (INCR, and an expiry on the first hit), shared by every gateway
 * instance. A limit is a guard against floods, not a source of truth: when Redis is unreachable
 * the request is let through and the failure is logged.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;

    @Inject
    public RateLimiter(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    /** Counts one hit on {@code name}; true while no more than {@code limit} hits fell in the current window. */
    public Uni<Boolean> allow(String name, int limit, Duration window) {
        long slot = System.currentTimeMillis() / window.toMillis();
        String key = "ratelimit:" + name + ":" + slot;
        return counters.incr(key)
                .call(count -> count == 1 ? keys.pexpire(key, window.plusSeconds(1)) : Uni.createFrom().voidItem())
                .map(count -> count <= limit)
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Rate limit %s not checked (Redis unavailable): %s", name, e.toString());
                    return true;
                });
    }
}
