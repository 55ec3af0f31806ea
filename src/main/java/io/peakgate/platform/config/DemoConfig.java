package io.peakgate.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo's switch; read only through {@link DemoMode}, which also refuses it in the prod profile. */
@ConfigMapping(prefix = "peakgate.demo")
public interface DemoConfig {

    /**
     * Loads the demo accounts at start-up and accepts demo API keys. Off by default and in prod;
     * {@code bin/peakgate run} turns it on for the demo.
     */
    @WithDefault("false")
    boolean enabled();
}
