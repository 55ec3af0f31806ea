package io.peakgate.accounts.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo data set and demo credentials. */
@ConfigMapping(prefix = "peakgate.demo")
public interface DemoConfig {

    /**
     * Loads the demo accounts at start-up and accepts demo API keys. Off by default and in prod;
     * {@code bin/peakgate run} turns it on for the demo.
     */
    @WithDefault("false")
    boolean enabled();
}
