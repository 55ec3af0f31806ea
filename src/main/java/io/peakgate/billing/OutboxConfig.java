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

    /**
     * Partitions of the outbox (by a stable hash of the Kafka key): the unit a relay leases, so the most
     * relays that can share the work. Every instance must use the same count: changing it moves keys
     * between partitions, so change it only with every relay stopped.
     */
    @WithDefault("16")
    int partitions();

    /**
     * How long a relay's partitions stay its own without a renewal: how soon the partitions of an
     * instance that died are taken over. A live relay renews them every {@link #renewInterval()},
     * also while a slow publish is under way, and claims rows only while at least half of it is left.
     */
    @WithDefault("PT5S")
    Duration lease();

    /** How often a relay renews its partition leases, takes free ones and counts the live relays. */
    @WithName("renew-interval")
    @WithDefault("PT1S")
    Duration renewInterval();

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

    /** Whether this instance runs the relay (every instance may: partitions are leased). */
    @WithDefault("true")
    boolean enabled();
}
