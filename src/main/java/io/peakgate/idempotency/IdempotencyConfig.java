package io.peakgate.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How long idempotency keys are kept and how long Redis may take on the fast path. */
@ConfigMapping(prefix = "peakgate.idempotency")
public interface IdempotencyConfig {

    /** How long a completed key replays its first response (SPEC: at least 24 h). */
    @WithDefault("PT25H")
    Duration retention();

    /** How long an in-flight marker lives in Redis if its request never finishes (crash). */
    @WithName("in-flight-ttl")
    @WithDefault("PT60S")
    Duration inFlightTtl();

    /** Beyond this, Redis is treated as unavailable and PostgreSQL alone guards the key. */
    @WithName("redis-timeout")
    @WithDefault("PT0.25S")
    Duration redisTimeout();
}
