package io.peakgate.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How much work one gateway instance admits at once. */
@ConfigMapping(prefix = "peakgate.http")
public interface HttpConfig {

    /** API requests in progress beyond which new ones are shed with 503 and Retry-After. */
    @WithName("max-in-flight")
    @WithDefault("256")
    int maxInFlight();
}
