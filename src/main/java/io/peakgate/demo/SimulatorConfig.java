package io.peakgate.demo;

import io.smallrye.config.WithName;
import java.time.Duration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo's stand-in for downstream billing (never in production: see {@link BillingSimulator}). */
@ConfigMapping(prefix = "peakgate.billing.simulator")
public interface SimulatorConfig {

    @WithDefault("false")
    boolean enabled();

    /** How often it issues a bill for every account it knows that owes something (autopay charges them). */
    @WithName("bill-every")
    @WithDefault("PT5M")
    Duration billEvery();
}
