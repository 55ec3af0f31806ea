package io.peakgate.payments.reconciliation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Limits of registry imports and reports. */
@ConfigMapping(prefix = "peakgate.reconciliation")
public interface ReconciliationConfig {

    /** Items of each kind listed in a report; counts are always complete. */
    @WithName("report-items")
    @WithDefault("1000")
    int reportItems();
}
