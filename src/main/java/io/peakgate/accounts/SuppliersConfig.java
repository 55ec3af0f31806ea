package io.peakgate.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Suppliers are configuration, not code: each one's currency, time zone, account format,
 * submission window, reading policies and tariffs. Keyed by supplier code ({@code esplus}).
 */
@ConfigMapping(prefix = "peakgate")
public interface SuppliersConfig {

    Map<String, Supplier> suppliers();

    interface Supplier {
        /** Display name. */
        String name();

        /** ISO 4217 currency of every amount for this supplier (RUB, UAH). */
        String currency();

        /** The supplier's time zone: submission windows and tariff dates are read in it. */
        @WithName("time-zone")
        ZoneId timeZone();

        /** Regular expression every account number of this supplier matches. */
        @WithName("account-pattern")
        String accountPattern();

        Readings readings();

        /** Tariffs by service (electricity, heat, hot-water, ...), each a list of steps by start date. */
        Map<String, List<TariffStep>> tariffs();

        Payments payments();

        /** What a subscriber without an account must know to prove an account is theirs. */
        @WithDefault("holder-surname")
        VerificationMethod verification();

        /** SMS payments (and readings) to a short number, if the supplier takes them. */
        Optional<Sms> sms();

        /** Autopay from a bound card when a bill is issued, if the supplier offers it. */
        Optional<Autopay> autopay();

        /** The promised payment (a short credit), if the supplier offers it. */
        @WithName("promised-payment")
        Optional<PromisedPayment> promisedPayment();
    }

    interface Autopay {
        /** The highest per-charge limit a subscriber may set, in minor units. */
        @WithName("max-limit")
        long maxLimit();
    }

    interface PromisedPayment {
        /** Largest promise, in minor units. */
        @WithName("max-amount")
        long maxAmount();

        /** Longest promise, in days. */
        @WithName("max-days")
        int maxDays();
    }

    interface Sms {
        /** The keyword that starts every message, e.g. {@code ntvplus}. */
        String keyword();

        /** The short number the messages are sent to, e.g. {@code 3116}. */
        @WithName("short-number")
        String shortNumber();

        /** Largest payment by SMS, in minor units. */
        @WithName("max-amount")
        @WithDefault("500000")
        long maxAmount();

        /** Whether {@code KEYWORD ACCOUNT pok VALUE} submits a reading (single-register meters only). */
        @WithDefault("false")
        boolean readings();
    }

    interface Readings {
        Window window();

        /** What happens to a reading submitted outside the window. */
        @WithName("out-of-window")
        @WithDefault("reject")
        OutOfWindowPolicy outOfWindow();

        /** What happens to a value with a fractional part. */
        @WithDefault("reject")
        FractionPolicy fractions();

        /** Consumption above this many times the register's usual monthly consumption needs confirmation. */
        @WithName("implausible-factor")
        @WithDefault("5")
        long implausibleFactor();

        /** Consumption up to this figure is never implausible (covers accounts with no usual figure). */
        @WithName("implausible-minimum")
        @WithDefault("1000")
        long implausibleMinimum();
    }

    /**
     * The days of a billing period on which readings are taken, in the supplier's time zone.
     * A negative {@code opens-day} counts from the end of the month (-7: the last seven days).
     */
    interface Window {
        @WithName("opens-day")
        int opensDay();

        @WithName("closes-day")
        int closesDay();

        /** True when the window closes in the month after its period (e.g. up to the 1st). */
        @WithName("closes-next-month")
        @WithDefault("false")
        boolean closesNextMonth();
    }

    interface TariffStep {
        /** First day (supplier's time zone) on which these prices apply. */
        LocalDate from();

        /** Price per unit of consumption in minor units, by register (T1, T2). */
        Map<String, Long> prices();
    }

    /**
     * How the supplier takes payments. A provider's credentials of the supplier ({@code payments.liqpay.*},
     * {@code payments.tbank.*}, ...) are that provider's configuration, in its folder (payments/provider/).
     */
    interface Payments {
        /** Provider used when a payment names none. */
        @WithName("default-provider")
        @WithDefault("sandbox")
        String defaultProvider();

        /** Smallest payment, in minor units. */
        @WithName("min-amount")
        @WithDefault("100")
        long minAmount();

        /** Largest payment, in minor units. */
        @WithName("max-amount")
        @WithDefault("1500000")
        long maxAmount();

        /** Below the smallest payment (every channel: portals, agents, SMS). */
        default boolean tooSmall(long amount) {
            return amount < minAmount();
        }

        /** Above the largest payment a portal or agent may make (SMS has its own, lower, limit). */
        default boolean tooLarge(long amount) {
            return amount > maxAmount();
        }

        /**
         * A supplier configured for testing: only then is a provider's test-mode money (LiqPay
         * {@code sandbox}, WebMoney {@code LMI_MODE=1}, a YooMoney test notification) applied; for
         * any other supplier it is refused and flagged for review.
         */
        @WithName("test-mode")
        @WithDefault("false")
        boolean testMode();
    }

    enum VerificationMethod {
        /** The account holder's surname. */
        HOLDER_SURNAME,
        /** The amount of the account's last payment. */
        LAST_PAYMENT_AMOUNT
    }

    enum OutOfWindowPolicy {
        /** Refuse with the date the next window opens. */
        REJECT,
        /** Accept into the next period; the subscriber is billed by the norm for this one. */
        NEXT_PERIOD
    }

    enum FractionPolicy {
        REJECT,
        ROUND_DOWN,
        ROUND_UP
    }
}
