package io.peakgate.payments.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** When the janitor re-checks waiting payments with their provider, and when it gives up on them. */
@ConfigMapping(prefix = "peakgate.payments.janitor")
public interface JanitorConfig {

    /** How often the janitor sweeps (read by its schedule). */
    @WithDefault("30s")
    String every();

    /** A payment waiting this long on a provider is re-checked. */
    @WithName("stuck-after")
    @WithDefault("PT15M")
    Duration stuckAfter();

    /** A payment the provider still has not finished after this long is canceled as expired. */
    @WithName("expire-after")
    @WithDefault("PT2H")
    Duration expireAfter();
}
