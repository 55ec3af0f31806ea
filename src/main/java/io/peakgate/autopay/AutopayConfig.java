package io.peakgate.autopay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;

/** Autopay's pacing: how often due charges are looked for, and when a soft decline is retried. */
@ConfigMapping(prefix = "peakgate.autopay")
public interface AutopayConfig {

    /** Delays before each retry of a soft decline (insufficient funds, provider unavailable); then it fails. */
    @WithName("retry-delays")
    @WithDefault("PT1H,PT6H,PT24H")
    List<Duration> retryDelays();

    @WithName("poll-interval")
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a claimed charge is kept from other instances; a crashed instance's claim lapses after it. */
    @WithDefault("PT2M")
    Duration lease();

    /** Whether this instance charges due bills (every instance may: claims are leased). */
    @WithDefault("true")
    boolean enabled();
}
