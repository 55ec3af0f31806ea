package io.peakgate.payments.provider.webmoney;

import io.peakgate.accounts.config.Suppliers;
import io.peakgate.accounts.config.SuppliersConfig;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WebMoney Merchant: the pre-request ({@code LMI_PREREQUEST=1}, unsigned) is answered YES for a
 * purse of ours and stored nowhere; the result notification is verified by {@code LMI_HASH} (and
 * {@code LMI_HASH2} when sent) with the purse owner's secret key. {@code LMI_PAYMENT_NO} is the
 * payment's number.
 */
@ApplicationScoped
public class WebMoneyProtocol implements CallbackProtocol {

    static final String NAME = "webmoney";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Inject
    Suppliers suppliers;

    @Inject
    ProvidersConfig config;

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public Optional<Response> preflight(RawCallback callback) {
        Map<String, String> form = callback.form();
        if (!"1".equals(form.get("LMI_PREREQUEST"))) {
            return Optional.empty();
        }
        boolean ours = purse(form).isPresent();
        return Optional.of(Response.ok(ours ? "YES" : "ERR: unknown purse", MediaType.TEXT_PLAIN_TYPE).build());
    }

    @Override
    public Notification verify(RawCallback callback) {
        Map<String, String> form = callback.form();
        Map.Entry<String, SuppliersConfig.WebMoney> payee = purse(form).orElseThrow(WebMoneyProtocol::invalid);
        String secret = payee.getValue().secretKey();
        String hash = form.getOrDefault("LMI_HASH", "").toUpperCase(Locale.ROOT);
        String expected = WebMoneyHash.hash(form, secret, hash.length() == 32 ? "MD5" : "SHA-256");
        if (!Signatures.same(expected, hash)) {
            throw invalid();
        }
        if (form.containsKey("LMI_HASH2") && !Signatures.same(WebMoneyHash.hash2(form, secret),
                form.get("LMI_HASH2").toUpperCase(Locale.ROOT))) {
            throw invalid();
        }
        try {
            LocalDateTime at = LocalDateTime.parse(callback.required(form, "LMI_SYS_TRANS_DATE"), DATE);
            if (at.atZone(MOSCOW).toInstant().isBefore(callback.receivedAt().minus(config.callbackStaleAfter()))) {
                throw new ProblemException(ErrorCode.CALLBACK_STALE, "The WebMoney notification is too old");
            }
            String transfer = callback.required(form, "LMI_SYS_TRANS_NO");
            return new Notification(NAME, transfer,
                    new Notification.PaymentRef.ByNumber(Long.parseLong(callback.required(form, "LMI_PAYMENT_NO"))),
                    PaymentStatus.SUCCEEDED, Money.minorUnits(callback.required(form, "LMI_PAYMENT_AMOUNT")),
                    currency(payee.getValue().purse()), transfer, payee.getKey(), null);
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The WebMoney notification is not usable");
        }
    }

    /** The currency of a purse, by its letter. */
    static String currency(String purse) {
        return switch (purse.isEmpty() ? ' ' : Character.toUpperCase(purse.charAt(0))) {
            case 'R', 'P' -> "RUB";
            case 'Z' -> "USD";
            case 'E' -> "EUR";
            case 'U' -> "UAH";
            default -> "XXX";
        };
    }

    private Optional<Map.Entry<String, SuppliersConfig.WebMoney>> purse(Map<String, String> form) {
        return Credentials.find(suppliers.all(), SuppliersConfig.Payments::webmoney, SuppliersConfig.WebMoney::purse,
                form.get("LMI_PAYEE_PURSE"));
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The WebMoney hash does not verify");
    }
}
