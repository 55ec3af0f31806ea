package io.peakgate.clients.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How API keys are rotated. */
@ConfigMapping(prefix = "peakgate.clients")
public interface ClientsConfig {

    /** How long a rotated-out key keeps working when the rotation names no grace period. */
    @WithName("rotation.default-grace")
    @WithDefault("PT24H")
    Duration defaultGrace();

    /** The longest grace period a rotation may give: a leaked key must not stay valid for long. */
    @WithName("rotation.max-grace")
    @WithDefault("P7D")
    Duration maxGrace();
}
