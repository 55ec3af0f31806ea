package io.peakgate.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
        /** Display name (Latin): logs, metrics, the operator's screens. */
        String name();

        /** The language the supplier speaks to its subscribers in: statements and SMS replies. */
        @WithDefault("ru")
        Language language();

        /** How the supplier names itself on paper, in its language (its statement's letterhead). */
        Optional<Letterhead> letterhead();

        /** The supplier's own name in its language ("Энергосбыт Плюс"), or {@link #name()} when none is configured. */
        default String localName() {
            return letterhead().map(Letterhead::legalName).orElse(name());
        }

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

    /** The supplier's legal name and contact details as printed on what subscribers keep. */
    interface Letterhead {
        /** The legal name in the supplier's language, e.g. «Энергосбыт Плюс», «Київенерго». */
        @WithName("legal-name")
        String legalName();

        Optional<String> address();

        /** The tax id (ИНН in Russia, ЄДРПОУ in Ukraine), digits only: the statement labels it in its language. */
        @WithName("tax-id")
        Optional<String> taxId();

        Optional<String> phone();

        Optional<String> website();
    }

    /** A language subscribers are answered in; each has its texts as ResourceBundles (UTF-8 .properties). */
    enum Language {
        RU(Locale.of("ru", "RU")),
        UK(Locale.of("uk", "UA"));

        private final Locale locale;

        Language(Locale locale) {
            this.locale = locale;
        }

        public Locale locale() {
            return locale;
        }
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

        /** An account number replies show in their format hint ("ntvplus 2256884759 425"); none: no example. */
        @WithName("example-account")
        Optional<String> exampleAccount();
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
