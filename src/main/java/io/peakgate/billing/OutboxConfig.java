package io.peakgate.billing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** The outbox relay's pacing. */
@ConfigMapping(prefix = "peakgate.outbox")
public interface OutboxConfig {

    /** Rows claimed and published per round. */
    @WithName("batch-size")
    @WithDefault("500")
    int batchSize();

    /** Rounds per poll while rows keep coming, before yielding to the next poll. */
    @WithName("max-rounds")
    @WithDefault("50")
    int maxRounds();

    /** How long a claim keeps other relays off its rows; longer than the producer's delivery timeout. */
    @WithDefault("PT60S")
    Duration lease();

    /** Pause after a failed publish (Kafka down) before trying again. */
    @WithDefault("PT1S")
    Duration backoff();

    /** How long published rows are kept for inspection before they are purged. */
    @WithDefault("PT24H")
    Duration retention();

    /** How often the relay looks for unsent rows when idle. */
    @WithName("poll-interval")
    @WithDefault("PT0.05S")
    Duration pollInterval();

    /** Whether this instance runs the relay (every instance may: claims are leased). */
    @WithDefault("true")
    boolean enabled();
}
