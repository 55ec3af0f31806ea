package io.peakgate.platform.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How the dependencies the gateway works without (Redis, Kafka) are probed ({@link DependencyProbing}). */
@ConfigMapping(prefix = "peakgate.health")
public interface HealthConfig {

    /** Whether they are probed at all (off for bin/peakgate's one-shot commands, which serve nothing). */
    @WithName("probes-enabled")
    @WithDefault("true")
    boolean probesEnabled();

    /** How often each is probed. */
    @WithName("probe-interval")
    @WithDefault("PT5S")
    Duration probeInterval();

    /** How long a probe's answer is awaited before the dependency counts as down. */
    @WithName("probe-timeout")
    @WithDefault("PT2S")
    Duration probeTimeout();
}
