package io.peakgate.payments.provider.yoomoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Signatures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * YooMoney wallet HTTP notifications (form fields, {@code sha1_hash}). The notification does not
 * name the receiving wallet, so the hash is tried with each supplier's secret; the {@code label}
 * is the gateway's payment id. A test notification (no label) is acknowledged and not stored.
 */
@ApplicationScoped
public class YooMoneyProtocol implements CallbackProtocol {

    static final String NAME = "yoomoney";

    @Inject
    Suppliers suppliers;

    @Inject
    ProvidersConfig config;

    @Inject
    YooMoneyConfig yoomoney;

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public Optional<Uni<Response>> preflight(RawCallback callback) {
        Map<String, String> form = callback.form();
        if (form.getOrDefault("label", "").isBlank() && "true".equals(form.get("test_notification"))) {
            signedBy(form);
            return Optional.of(Uni.createFrom().item(RECEIVED.get()));
        }
        return Optional.empty();
    }

    @Override
    public Notification verify(RawCallback callback) {
        Map<String, String> form = callback.form();
        String supplier = signedBy(form);
        try {
            OffsetDateTime at = OffsetDateTime.parse(callback.required(form, "datetime"));
            if (at.toInstant().isBefore(callback.receivedAt().minus(config.callbackStaleAfter()))) {
                throw new ProblemException(ErrorCode.CALLBACK_STALE, "The YooMoney notification is too old");
            }
            String operation = callback.required(form, "operation_id");
            // a held transfer (unaccepted) is not money yet; its acceptance later is another event
            boolean held = "true".equals(form.get("unaccepted"));
            return new Notification(NAME, held ? operation + ":held" : operation,
                    new Notification.PaymentRef.ById(UUID.fromString(callback.required(form, "label"))),
                    held ? PaymentStatus.PROCESSING : PaymentStatus.SUCCEEDED,
                    // credit only what the hash covers: amount, never the unsigned withdraw_amount
                    Money.minorUnits(callback.required(form, "amount")),
                    "643".equals(form.get("currency")) ? "RUB" : form.get("currency"),
                    operation, supplier, null, "true".equals(form.get("test_notification")));
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The YooMoney notification is not usable");
        }
    }

    /** The supplier whose secret verifies the hash; every secret is tried, each compared in constant time. */
    private String signedBy(Map<String, String> form) {
        String received = form.get("sha1_hash");
        String match = null;
        for (Map.Entry<String, YooMoneyConfig.Wallet> wallet : yoomoney.wallets(suppliers).all()) {
            if (Signatures.same(YooMoneyHash.of(form, wallet.getValue().secret().reveal()), received)) {
                match = wallet.getKey();
            }
        }
        if (match == null) {
            throw new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The YooMoney sha1_hash does not verify");
        }
        return match;
    }
}
