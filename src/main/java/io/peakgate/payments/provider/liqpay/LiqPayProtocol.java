package io.peakgate.payments.provider.liqpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.peakgate.vault.ProviderCard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LiqPay server callbacks: form fields {@code data} (base64 JSON) and {@code signature}. The
 * signature is checked first, over the data string exactly as received, with each configured
 * merchant's private key; only then is the data decoded, and its {@code public_key} must be that of
 * a merchant whose key verified. {@code order_id} is the gateway's payment id.
 */
@ApplicationScoped
public class LiqPayProtocol implements CallbackProtocol {

    static final String NAME = "liqpay";

    @Inject
    Suppliers suppliers;

    @Inject
    ProvidersConfig config;

    @Inject
    LiqPayConfig liqpay;

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
        List<Map.Entry<String, LiqPayConfig.Merchant>> signers = signers(data, signature);
        if (signers.isEmpty()) {
            throw invalid();
        }
        JsonNode body = decode(data);
        String publicKey = body.path("public_key").asText("");
        Map.Entry<String, LiqPayConfig.Merchant> merchant = signers.stream()
                .filter(m -> m.getValue().publicKey().equals(publicKey)).findFirst()
                .orElseThrow(LiqPayProtocol::invalid);
        long at = body.path("end_date").asLong(body.path("create_date").asLong(0));
        if (at > 0 && Instant.ofEpochMilli(at).isBefore(callback.receivedAt().minus(config.callbackStaleAfter()))) {
            throw new ProblemException(ErrorCode.CALLBACK_STALE, "The LiqPay callback is too old");
        }
        try {
            String status = body.path("status").asText();
            String paymentId = body.path("payment_id").asText(null);
            // a reversal carries what it gave back in refund_amount (a partial one is partial); without it the
            // amount is unknown and the gateway flags the refund instead of guessing
            boolean reversal = "reversed".equals(status);
            String amount = reversal ? body.path("refund_amount").asText(null) : body.path("amount").asText(null);
            Notification n = new Notification(NAME, (paymentId == null ? body.path("order_id").asText() : paymentId) + ":" + status
                    + (reversal ? ":" + amount : ""),
                    new Notification.PaymentRef.ById(UUID.fromString(body.path("order_id").asText())), status(status),
                    amount == null || amount.equals("null") ? null : Money.minorUnits(amount),
                    body.path("currency").asText(null), paymentId, merchant.getKey(),
                    body.path("err_code").asText(null), "sandbox".equals(status));
            // the card LiqPay keeps for repeat payments (asked for with recurringbytoken): its token, never the number
            return body.hasNonNull("card_token") ? n.withCard(ProviderCard.ofShortMask(NAME, body.path("card_token").asText(),
                    body.path("sender_card_mask2").asText(null), body.path("sender_card_type").asText(null))) : n;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The LiqPay callback data is not usable");
        }
    }

    /** LiqPay's statuses in the gateway's lifecycle; anything not final is still processing. */
    static PaymentStatus status(String liqpay) {
        return switch (liqpay) {
            case "success", "sandbox" -> PaymentStatus.SUCCEEDED;
            case "failure", "error" -> PaymentStatus.FAILED;
            // "a refund of refund_amount": whether it was all of the payment the gateway counts itself
            case "reversed" -> PaymentStatus.PARTIALLY_REFUNDED;
            default -> PaymentStatus.PROCESSING;
        };
    }

    /**
     * The merchants whose private key verifies the signature over the data string as received,
     * before anything of it is decoded; every configured key is tried, each in constant time.
     */
    private List<Map.Entry<String, LiqPayConfig.Merchant>> signers(String data, String signature) {
        return liqpay.merchants(suppliers).all().stream()
                .filter(m -> Signatures.same(LiqPaySignature.of(m.getValue().privateKey().reveal(), data), signature))
                .toList();
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
