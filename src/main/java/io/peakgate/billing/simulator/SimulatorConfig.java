package io.peakgate.billing.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo's stand-in for downstream billing (never in production). */
@ConfigMapping(prefix = "peakgate.billing.simulator")
public interface SimulatorConfig {

    @WithDefault("false")
    boolean enabled();
}
