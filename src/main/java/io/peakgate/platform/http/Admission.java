package io.peakgate.platform.http;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The adaptive concurrency limit of one instance (Netflix concurrency-limits): a Gradient2 limit,
 * fed one averaged sample per window, that grows while latency stays at its long-run level and
 * shrinks when it rises (requests queueing in front of the database), between the configured
 * minimum and the hard cap. Two lanes share it: when the limit is reached, {@link Lane#CALLBACKS}
 * are still admitted up to their reserved share of it, {@link Lane#API} up to the rest.
 * <p>
 * Nothing here waits: acquiring is a compare-and-set on counters (no partition reject delay is
 * configured, the library's only sleep), a release adds the sample to the window with atomics and
 * only the one caller that wins a {@code tryLock} folds a finished window into the limit.
 */
final class Admission {

    /** Which share of the limit a request draws on. */
    enum Lane {
        CALLBACKS, API;

        String partition() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How an admitted request ended, as the limit should learn it. */
    enum Outcome {
        /** Answered (2xx-4xx): its latency is a sample of the gateway's. */
        ANSWERED,
        /** Refused for want of capacity downstream (503, 504): a sample, and a sign of overload. */
        OVERLOADED,
        /** A fault, a vanished client, or a request whose duration is not a latency (an upload): no sample. */
        NOT_A_SAMPLE
    }

    private static final class Builder extends AbstractPartitionedLimiter.Builder<Builder, Lane> {
        @Override
        protected Builder self() {
            return this;
        }
    }

    private final AbstractLimiter<Lane> limiter;

    Admission(HttpConfig.Shedding config, int hardCap, LongSupplier nanoClock) {
        int max = Math.max(1, hardCap);
        int min = Math.max(1, Math.min(config.minLimit(), max));
        int initial = Math.max(min, Math.min(config.initialLimit(), max));
        double callbacks = config.callbacksShare();
        if (!(callbacks > 0 && callbacks < 1)) {
            throw new IllegalArgumentException("peakgate.http.shedding.callbacks-share must be between 0 and 1, is " + callbacks);
        }
        Limit limit = WindowedLimit.newBuilder()
                .minWindowTime(100, TimeUnit.MILLISECONDS)
                .maxWindowTime(1, TimeUnit.SECONDS)
                .windowSize(10)
                .build(Gradient2Limit.newBuilder()
                        .initialLimit(initial)
                        .minLimit(min)
                        .maxConcurrency(max)
                        .rttTolerance(Math.max(1.0, config.rttTolerance()))
                        .build());
        this.limiter = (AbstractLimiter<Lane>) new Builder()
                .named("peakgate-http")
                .limit(limit)
                .nanoClock(nanoClock)
                .partitionResolver(Lane::partition)
                .partition(Lane.CALLBACKS.partition(), callbacks)
                .partition(Lane.API.partition(), 1 - callbacks)
                .build();
    }

    /** A token for the request, or empty: shed it. */
    Optional<Limiter.Listener> acquire(Lane lane) {
        return limiter.acquire(lane);
    }

    /** Gives the token back, teaching the limit what the request's latency says. */
    static void release(Limiter.Listener token, Outcome outcome) {
        switch (outcome) {
            case ANSWERED -> token.onSuccess();
            case OVERLOADED -> token.onDropped();
            case NOT_A_SAMPLE -> token.onIgnore();
        }
    }

    /** The outcome of a request that ended ({@code ended}) with {@code status}, or whose connection went first. */
    static Outcome outcome(boolean ended, int status, boolean sampled) {
        if (!ended || !sampled) {
            return Outcome.NOT_A_SAMPLE;
        }
        if (status == 503 || status == 504) {
            return Outcome.OVERLOADED;
        }
        return status >= 500 ? Outcome.NOT_A_SAMPLE : Outcome.ANSWERED;
    }

    int limit() {
        return limiter.getLimit();
    }

    int inFlight() {
        return limiter.getInflight();
    }
}
