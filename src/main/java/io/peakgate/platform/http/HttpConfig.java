package io.peakgate.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
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

    /** The largest body of an API request (a batch of 1,000 readings is about 150 KB). */
    @WithName("max-body-size")
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Paths taking large streamed uploads (settlement registries), with their own limit. */
    @WithName("upload-paths")
    @WithDefault("/v1/reconciliation/")
    String uploadPaths();
}
