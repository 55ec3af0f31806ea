package io.peakgate.payments.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * Settings every provider shares. A provider's own settings, and each supplier's credentials for it,
 * are in that provider's folder ({@code liqpay/LiqPayConfig}, ...), under the same property names.
 */
@ConfigMapping(prefix = "peakgate.providers")
public interface ProvidersConfig {

    /** This gateway's public address: providers post callbacks to it, payers are sent back to it. */
    @WithName("public-base-url")
    String publicBaseUrl();

    /** Callbacks older than this are refused (longer than any provider's retry schedule). */
    @WithName("callback-stale-after")
    @WithDefault("P7D")
    Duration callbackStaleAfter();
}
