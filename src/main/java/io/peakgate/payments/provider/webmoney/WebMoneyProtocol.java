package io.peakgate.payments.provider.webmoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStateMachine;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.payments.Payments;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Signatures;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * WebMoney Merchant: the pre-request ({@code LMI_PREREQUEST=1}, unsigned) is answered YES only for
 * a payable payment of the purse's supplier with its exact amount, and stored nowhere; the result
 * notification is verified by {@code LMI_HASH} (with the algorithm configured for the purse) and
 * {@code LMI_HASH2} when sent, with the purse owner's secret key. {@code LMI_PAYMENT_NO} is the
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

    @Inject
    WebMoneyConfig webmoney;

    @Inject
    Payments payments;

    @Override
    public String provider() {
        return NAME;
    }

    /** Refuses to start with a hash algorithm WebMoney does not offer (purses of no supplier: WebMoneyProvider). */
    void checkPurses(@Observes StartupEvent start) {
        webmoney.purses(suppliers).all().forEach(w -> algorithm(w.getValue()));
    }

    /**
     * The pre-request: YES only for a payment of ours that the purse's supplier may still be paid
     * (a success would still apply to it) and for exactly its amount; otherwise WebMoney's
     * {@code ERR: ...}, and the payer is not let to pay.
     */
    @Override
    public Optional<Uni<Response>> preflight(RawCallback callback) {
        Map<String, String> form = callback.form();
        if (!"1".equals(form.get("LMI_PREREQUEST"))) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, WebMoneyConfig.Purse>> payee = purse(form);
        if (payee.isEmpty()) {
            return Optional.of(answer("ERR: unknown purse"));
        }
        Long number = number(form.get("LMI_PAYMENT_NO"));
        Long amount = amount(form.get("LMI_PAYMENT_AMOUNT"));
        if (number == null || amount == null) {
            return Optional.of(answer("ERR: LMI_PAYMENT_NO and LMI_PAYMENT_AMOUNT are required"));
        }
        return Optional.of(payments.byNumber(number).map(p -> text(preRequest(p, payee.get().getKey(), amount)))
                .onFailure().recoverWithItem(e -> text("ERR: temporarily unavailable, retry later")));
    }

    private static String preRequest(Payment p, String supplier, long amount) {
        if (p == null || !p.provider().equals(NAME) || !p.supplier().equals(supplier)) {
            return "ERR: no such payment for this purse";
        }
        if (!PaymentStateMachine.allowed(p.status(), PaymentStatus.SUCCEEDED)) {
            return "ERR: the payment is " + p.status().wire() + " and cannot be paid";
        }
        return p.amount() == amount ? "YES" : "ERR: the amount must be " + Money.decimal(p.amount());
    }

    @Override
    public Notification verify(RawCallback callback) {
        Map<String, String> form = callback.form();
        Map.Entry<String, WebMoneyConfig.Purse> payee = purse(form).orElseThrow(WebMoneyProtocol::invalid);
        String secret = payee.getValue().secretKey().reveal();
        String hash = form.getOrDefault("LMI_HASH", "").toUpperCase(Locale.ROOT);
        if (!Signatures.same(WebMoneyHash.hash(form, secret, algorithm(payee.getValue())), hash)) {
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
                    currency(payee.getValue().purse()), transfer, payee.getKey(), null,
                    // LMI_MODE=1: a test payment, money only for a supplier configured for testing
                    "1".equals(form.get("LMI_MODE")));
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The WebMoney notification is not usable");
        }
    }

    /** The configured LMI_HASH algorithm as a JCA name. */
    static String algorithm(WebMoneyConfig.Purse purse) {
        return switch (purse.hashAlgorithm().toUpperCase(Locale.ROOT).replace("-", "")) {
            case "SHA256" -> "SHA-256";
            case "MD5" -> "MD5";
            default -> throw new IllegalStateException("webmoney.hash-algorithm of purse " + purse.purse()
                    + " must be SHA-256 or MD5, not '" + purse.hashAlgorithm() + "'");
        };
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long amount(String text) {
        try {
            return text == null ? null : Money.minorUnits(text.trim());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static Uni<Response> answer(String text) {
        return Uni.createFrom().item(text(text));
    }

    private static Response text(String text) {
        return Response.ok(text, MediaType.TEXT_PLAIN_TYPE).build();
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

    private Optional<Map.Entry<String, WebMoneyConfig.Purse>> purse(Map<String, String> form) {
        return webmoney.purses(suppliers).find(WebMoneyConfig.Purse::purse, form.get("LMI_PAYEE_PURSE"));
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The WebMoney hash does not verify");
    }
}
