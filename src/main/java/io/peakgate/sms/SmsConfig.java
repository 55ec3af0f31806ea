package io.peakgate.sms;

import io.peakgate.accounts.SuppliersConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SMS aggregators that forward short-number messages, and the limits that keep one phone from flooding. */
@ConfigMapping(prefix = "peakgate.sms")
public interface SmsConfig {

    /** By aggregator name (the path segment of {@code /v1/sms/{aggregator}/inbound}). */
    Map<String, Aggregator> aggregators();

    Limits limits();

    interface Aggregator {
        /** Shared secret: each request carries {@code X-Signature: sha256=<hex HMAC-SHA256 of the body>}. */
        String secret();

        /**
         * Source addresses allowed to call: single addresses or CIDR ranges, IPv4 or IPv6. Empty or
         * missing refuses every address in the prod profile (and allows any in dev, test, demo).
         */
        @WithName("allowed-addresses")
        Optional<List<String>> allowedAddresses();

        /**
         * How old a message may be, by its {@code receivedAt}, and still be carried out: an older one
         * (a replayed capture, or a retry long after the first went unanswered) is refused with a reply
         * that says so, unless its messageId was already answered (then that answer is replayed).
         */
        @WithName("replay-window")
        @WithDefault("PT10M")
        Duration replayWindow();

        /** The language of a reply to a message that names no supplier the gateway can find (ru, uk). */
        @WithDefault("ru")
        SuppliersConfig.Language language();

        /** How far ahead of the gateway's clock a {@code receivedAt} may be; beyond it the message is refused. */
        @WithName("clock-skew")
        @WithDefault("PT2M")
        Duration clockSkew();
    }

    interface Limits {
        /** Messages one phone number may send per window. */
        @WithName("per-phone")
        @WithDefault("10")
        int perPhone();

        @WithName("per-phone-window")
        @WithDefault("PT1H")
        Duration perPhoneWindow();

        /** Messages one aggregator may forward per window. */
        @WithName("per-aggregator")
        @WithDefault("200")
        int perAggregator();

        @WithName("per-aggregator-window")
        @WithDefault("PT1S")
        Duration perAggregatorWindow();
    }
}
