package io.peakgate.promises;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How often promises that ran out unpaid are looked for (to tell billing they are overdue). */
@ConfigMapping(prefix = "peakgate.promises")
public interface PromisesConfig {

    @WithName("janitor-every")
    @WithDefault("30s")
    Duration janitorEvery();
}
