package io.peakgate.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What is traced ({@link RequestSampler}). */
@ConfigMapping(prefix = "peakgate.tracing")
public interface TracingConfig {

    /** The share (0 to 1) of requests' and Kafka records' traces started here that are recorded and exported. */
    @WithDefault("1.0")
    double ratio();
}
