package io.peakgate.platform.ratelimit;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
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
 * instance. {@link #allow} guards against floods and lets a request through when Redis is
 * unreachable; {@link #require} guards a secret (guessing an account's proof) and refuses then.
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

    /**
     * Counts one hit on {@code name}; true while no more than {@code limit} hits fell in the current window.
     * Fails open: a limit against floods is not a source of truth, so without Redis the request passes.
     */
    public Uni<Boolean> allow(String name, int limit, Duration window) {
        return count(name, limit, window).onFailure().recoverWithItem(e -> {
            LOG.warnf("Rate limit %s not checked (Redis unavailable): %s", name, e.toString());
            return true;
        });
    }

    /**
     * Counts one hit on {@code name} and fails closed: 429 ({@code rate.limited}) beyond {@code limit} in the
     * current window, 503 ({@code service.unavailable}, Retry-After) when the count cannot be kept, since
     * an uncounted attempt is an unlimited one.
     */
    public Uni<Void> require(String name, int limit, Duration window, String refusal) {
        return count(name, limit, window)
                .onFailure().transform(e -> {
                    LOG.warnf("Rate limit %s not checked (Redis unavailable), request refused: %s", name, e.toString());
                    return new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, "The request cannot be counted; retry shortly");
                })
                .invoke(ok -> {
                    if (!ok) {
                        throw new ProblemException(ErrorCode.RATE_LIMITED, refusal);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Boolean> count(String name, int limit, Duration window) {
        long slot = System.currentTimeMillis() / window.toMillis();
        String key = "ratelimit:" + name + ":" + slot;
        return counters.incr(key)
                .call(count -> count == 1 ? keys.pexpire(key, window.plusSeconds(1)) : Uni.createFrom().voidItem())
                .map(count -> count <= limit)
                .ifNoItem().after(TIMEOUT).fail();
    }
}
