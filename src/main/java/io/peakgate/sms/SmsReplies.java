package io.peakgate.sms;

import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.text.Texts;
import io.peakgate.readings.ReadingResponse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reply texts subscribers get, in one language (the supplier's), from the bundle {@code i18n/sms_<language>};
 * amounts in the supplier's currency ("425,00 руб.", "425,00 грн"). Every refusal keeps the correct format.
 */
final class SmsReplies {

    private static final Map<SuppliersConfig.Language, SmsReplies> BY_LANGUAGE = Map.of(
            SuppliersConfig.Language.RU, new SmsReplies(SuppliersConfig.Language.RU),
            SuppliersConfig.Language.UK, new SmsReplies(SuppliersConfig.Language.UK));

    private final Texts t;

    private SmsReplies(SuppliersConfig.Language language) {
        this.t = Texts.of("sms", language.locale());
    }

    static SmsReplies in(SuppliersConfig.Language language) {
        return BY_LANGUAGE.get(language);
    }

    /** How a supplier's messages are written: its keyword and, when configured, an example account. */
    record Hint(String keyword, Optional<String> exampleAccount, String currency) {

        static Hint of(SuppliersConfig.Supplier supplier) {
            return new Hint(supplier.sms().map(SuppliersConfig.Sms::keyword).orElse(null),
                    supplier.sms().flatMap(SuppliersConfig.Sms::exampleAccount), supplier.currency());
        }
    }

    String paid(String supplierName, String account, Money amount, long paymentNumber) {
        return t.get("paid", t.money(amount), account, supplierName, paymentNumber);
    }

    String readingAccepted(ReadingResponse r) {
        var line = r.registers().getFirst();
        return t.get("reading.accepted", line.current(), r.account(), r.period(),
                line.consumption() == null ? t.get("reading.no-consumption") : t.get("reading.consumption", line.consumption()),
                r.late() ? t.get("reading.late") : "");
    }

    /** {@code hint} is the supplier's the message named, or (an unknown keyword) the first one on the short number. */
    String invalid(SmsGrammar.Invalid invalid, Hint hint, String supplierName) {
        String format = hint == null || hint.keyword() == null ? ""
                : t.get("format", hint.keyword().toUpperCase(Locale.ROOT), example(hint, " 425"));
        return switch (invalid.problem()) {
            case UNKNOWN_KEYWORD -> t.get("unknown-keyword",
                    invalid.detail().isEmpty() ? "." : ": " + invalid.detail() + ".", example(hint, " 425"));
            case BAD_FORMAT -> t.get("bad-format", format);
            case BAD_ACCOUNT -> t.get("bad-account", invalid.detail(), format);
            case BAD_AMOUNT -> t.get("bad-amount", invalid.detail(), format);
            case AMOUNT_TOO_SMALL -> t.get("amount-too-small", t.money(new Money(Long.parseLong(invalid.detail()), hint.currency())));
            case AMOUNT_TOO_LARGE -> t.get("amount-too-large", t.money(new Money(Long.parseLong(invalid.detail()), hint.currency())));
            case READINGS_DISABLED -> t.get("readings-disabled", supplierName, format);
            case BAD_READING -> t.get("bad-reading", invalid.detail(), hint.keyword(), example(hint, " pok 12345"));
        };
    }

    /** ", например: ntvplus 2256884759 425", or nothing when the supplier has no example account. */
    private String example(Hint hint, String rest) {
        return hint == null || hint.keyword() == null || hint.exampleAccount().isEmpty() ? ""
                : t.get("example", hint.keyword() + " " + hint.exampleAccount().get() + rest);
    }

    String accountNotFound(String account, String keyword) {
        return t.get("account-not-found", account, keyword);
    }

    /** Billing has closed the account: no payment was taken. */
    String accountClosed(String account, String supplierName) {
        return t.get("account-closed", account, supplierName);
    }

    /** A refused reading, by the rule it broke. */
    String readingRefused(ProblemException e, String keyword) {
        return switch (e.code()) {
            case ACCOUNT_NOT_FOUND -> t.get("refused.account-not-found");
            case ACCOUNT_CLOSED -> t.get("refused.account-closed");
            case METER_NOT_FOUND -> t.get("refused.meter-not-found");
            case READING_NOT_INTEGER -> t.get("refused.not-integer");
            case READING_BELOW_PREVIOUS -> t.get("refused.below-previous", e.extensions().get("previous"));
            case READING_IMPLAUSIBLE -> t.get("refused.implausible", e.extensions().get("consumption"));
            case READING_WINDOW_CLOSED -> t.get("refused.window-closed",
                    String.valueOf(e.extensions().get("nextWindowOpensAt")).substring(0, 10));
            case READING_EXCEEDS_CAPACITY, READING_NEGATIVE -> t.get("refused.invalid");
            default -> t.get("refused.other", keyword);
        };
    }

    /** The gateway cannot carry the message out now (overload, a fault, or the aggregator's set-up). */
    String temporary() {
        return t.get("temporary");
    }

    /** The message reached the gateway too late (or with no time): it was not carried out. */
    String outsideReplayWindow() {
        return t.get("outside-replay-window");
    }

    /** The aggregator's request could not be read; the subscriber gets the format. */
    String notProcessed() {
        return t.get("not-processed");
    }

    String tooMany() {
        return t.get("too-many");
    }
}
