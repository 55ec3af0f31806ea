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

    /**
     * How long a request may wait for a pooled connection before it is refused (503). A safety net:
     * the adaptive limit in front ({@code platform.http.LoadShedder}) keeps the wait queue short, so
     * a long wait means the database is away or the limit has not caught up yet; waiting longer than
     * the admitted requests' latency target would only turn a fast refusal into a slow one.
     */
    @WithName("connection-wait")
    @WithDefault("PT0.5S")
    Duration connectionWait();
}
