package io.peakgate.readings.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Group commit of single reading submissions (see {@link ReadingService#writeGroup}). */
@ConfigMapping(prefix = "peakgate.readings.group")
public interface GroupConfig {

    /** Off: every single submission has its own transaction (the path before group commit). */
    @WithDefault("true")
    boolean enabled();

    /** Groups of one supplier in progress at once; more submissions wait for the next group. */
    @WithName("max-concurrent")
    @WithDefault("4")
    int maxConcurrent();

    /** Submissions in one group at most (a batch's size bound, the same statements). */
    @WithName("max-items")
    @WithDefault("100")
    int maxItems();
}
