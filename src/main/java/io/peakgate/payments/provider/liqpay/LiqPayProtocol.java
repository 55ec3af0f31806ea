package io.peakgate.payments.provider.liqpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * LiqPay server callbacks: form fields {@code data} (base64 JSON) and {@code signature}. The
 * signature is checked over the data string exactly as received, with the private key of the
 * supplier whose {@code public_key} the data names; {@code order_id} is the gateway's payment id.
 */
@ApplicationScoped
public class LiqPayProtocol implements CallbackProtocol {

    static final String NAME = "liqpay";

    @Inject
    Suppliers suppliers;

    @Inject
    ProvidersConfig config;

    @Inject
    ObjectMapper json;

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public Notification verify(RawCallback callback) {
        Map<String, String> form = callback.form();
        String data = callback.required(form, "data");
        String signature = callback.required(form, "signature");
        JsonNode body = decode(data);
        Map.Entry<String, SuppliersConfig.LiqPay> merchant = Credentials.find(suppliers.all(),
                        SuppliersConfig.Payments::liqpay, SuppliersConfig.LiqPay::publicKey, body.path("public_key").asText(null))
                .orElseThrow(LiqPayProtocol::invalid);
        if (!Signatures.same(LiqPaySignature.of(merchant.getValue().privateKey(), data), signature)) {
            throw invalid();
        }
        long at = body.path("end_date").asLong(body.path("create_date").asLong(0));
        if (at > 0 && Instant.ofEpochMilli(at).isBefore(callback.receivedAt().minus(config.callbackStaleAfter()))) {
            throw new ProblemException(ErrorCode.CALLBACK_STALE, "The LiqPay callback is too old");
        }
        try {
            String status = body.path("status").asText();
            String paymentId = body.path("payment_id").asText(null);
            return new Notification(NAME, (paymentId == null ? body.path("order_id").asText() : paymentId) + ":" + status,
                    new Notification.PaymentRef.ById(UUID.fromString(body.path("order_id").asText())), status(status),
                    body.hasNonNull("amount") ? Money.minorUnits(body.path("amount").asText()) : null,
                    body.path("currency").asText(null), paymentId, merchant.getKey(),
                    body.path("err_code").asText(null));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The LiqPay callback data is not usable");
        }
    }

    /** LiqPay's statuses in the gateway's lifecycle; anything not final is still processing. */
    static PaymentStatus status(String liqpay) {
        return switch (liqpay) {
            case "success", "sandbox" -> PaymentStatus.SUCCEEDED;
            case "failure", "error" -> PaymentStatus.FAILED;
            case "reversed" -> PaymentStatus.REFUNDED;
            default -> PaymentStatus.PROCESSING;
        };
    }

    private JsonNode decode(String data) {
        try {
            return json.readTree(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The LiqPay data is not base64 JSON");
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The LiqPay signature does not verify");
    }
}
