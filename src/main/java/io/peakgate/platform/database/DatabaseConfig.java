package io.peakgate.platform.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Bounds of the reactive PostgreSQL pool's wait queue (Quarkus has no property for them). */
@ConfigMapping(prefix = "peakgate.database")
public interface DatabaseConfig {

    /** Requests waiting for a pooled connection beyond this many are refused at once (503). */
    @WithName("max-wait-queue")
    @WithDefault("1024")
    int maxWaitQueue();

    /** How long a request may wait for a pooled connection before it is refused (503). */
    @WithName("connection-wait")
    @WithDefault("PT2S")
    Duration connectionWait();
}
