package io.peakgate.payments.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Gateway-wide provider settings; per-supplier credentials live in the supplier configuration. */
@ConfigMapping(prefix = "peakgate.providers")
public interface ProvidersConfig {

    /** This gateway's public address: providers post callbacks to it, payers are sent back to it. */
    @WithName("public-base-url")
    String publicBaseUrl();

    /** Callbacks older than this are refused (longer than any provider's retry schedule). */
    @WithName("callback-stale-after")
    @WithDefault("P7D")
    Duration callbackStaleAfter();

    Sandbox sandbox();

    TBank tbank();

    LiqPay liqpay();

    interface Sandbox {
        /** The embedded sandbox provider (demo, tests, benchmarks); never in production. */
        @WithDefault("false")
        boolean enabled();

        /** Key of the sandbox's callback HMAC. */
        Optional<String> secret();

        /** How far the sandbox's callback timestamp may be from now. */
        @WithName("timestamp-tolerance")
        @WithDefault("PT5M")
        Duration timestampTolerance();
    }

    interface TBank {
        /** Internet Acquiring API base (Init, GetState). */
        @WithName("base-url")
        String baseUrl();
    }

    interface LiqPay {
        /** LiqPay's server API (repeat payments with a card token: {@code paytoken}). */
        @WithName("api-url")
        @WithDefault("https://www.liqpay.ua/api/request")
        String apiUrl();
    }
}
