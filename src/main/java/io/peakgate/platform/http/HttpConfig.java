package io.peakgate.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;

/** How much work one gateway instance admits at once. */
@ConfigMapping(prefix = "peakgate.http")
public interface HttpConfig {

    /**
     * The hard cap on API requests in progress: the adaptive limit ({@link #shedding()}) never goes
     * above it. Callbacks' reserved share may come on top of it (see {@code shedding.callbacks-share}).
     */
    @WithName("max-in-flight")
    @WithDefault("256")
    int maxInFlight();

    /** The largest body of an API request (a batch of 1,000 readings is about 150 KB). */
    @WithName("max-body-size")
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * Routes taking large streamed uploads (settlement registries, account imports), by name, each with its own
     * body limit instead of {@link #maxBodySize()}. The server's own limit ({@code quarkus.http.limits.max-body-size})
     * must be at least the largest: it is the one a chunked upload (no Content-Length) is held to.
     */
    Map<String, Upload> uploads();

    interface Upload {

        /** A regular expression the whole request path matches, e.g. {@code /v1/reconciliation/.*}. */
        String path();

        /** The largest body this route takes (it is streamed, never held in memory). */
        @WithName("max-body-size")
        MemorySize maxBodySize();
    }

    /** The adaptive concurrency limit in front of the database work ({@link LoadShedder}). */
    Shedding shedding();

    interface Shedding {

        /** The limit the gateway starts with, before it has measured any latency. */
        @WithName("initial-limit")
        @WithDefault("64")
        int initialLimit();

        /** The limit never goes below this, however latency grows. */
        @WithName("min-limit")
        @WithDefault("16")
        int minLimit();

        /**
         * The share of the limit reserved for provider callbacks: when the limit is reached, callbacks
         * are still admitted up to this share of it, everything else is shed.
         */
        @WithName("callbacks-share")
        @WithDefault("0.25")
        double callbacksShare();

        /** How much the latency of the last moments may exceed its long-run average before the limit shrinks. */
        @WithName("rtt-tolerance")
        @WithDefault("1.5")
        double rttTolerance();

        /** The Retry-After a shed request is told (whole seconds, at least 1). */
        @WithName("retry-after")
        @WithDefault("1S")
        Duration retryAfter();
    }
}
