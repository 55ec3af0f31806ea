package io.peakgate.payments.provider.tbank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Signatures;
import io.peakgate.vault.ProviderCard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * T-Bank Internet Acquiring notifications: JSON whose {@code Token} is checked with the password
 * of the supplier owning {@code TerminalKey}; {@code OrderId} is the gateway's payment id. T-Bank
 * expects the plain answer {@code OK}.
 */
@ApplicationScoped
public class TBankProtocol implements CallbackProtocol {

    static final String NAME = "tbank";

    @Inject
    Suppliers suppliers;

    @Inject
    TBankConfig tbank;

    @Inject
    ObjectMapper json;

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public Notification verify(RawCallback callback) {
        JsonNode message;
        try {
            message = json.readTree(callback.body());
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The T-Bank notification is not JSON");
        }
        if (message == null || !message.isObject()) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The T-Bank notification is not a JSON object");
        }
        Map.Entry<String, TBankConfig.Terminal> terminal = tbank.terminals(suppliers)
                .find(TBankConfig.Terminal::terminalKey, message.path("TerminalKey").asText(null))
                .orElseThrow(TBankProtocol::invalid);
        if (!Signatures.same(TBankToken.of(message, terminal.getValue().password().reveal()), message.path("Token").asText(null))) {
            throw invalid();
        }
        try {
            String status = message.path("Status").asText();
            String paymentId = message.path("PaymentId").asText();
            // Amount is the charge for a payment status, what the refund gave back for a refund status;
            // two partial refunds of one payment are two events
            boolean refund = status.endsWith("REFUNDED");
            Notification n = new Notification(NAME, paymentId + ":" + status + (refund ? ":" + message.path("Amount").asText("") : ""),
                    new Notification.PaymentRef.ById(UUID.fromString(message.path("OrderId").asText())),
                    TBankStatus.of(status), message.hasNonNull("Amount") ? message.path("Amount").asLong() : null, "RUB",
                    paymentId, terminal.getKey(), "0".equals(message.path("ErrorCode").asText("0")) ? null
                    : "tbank_" + message.path("ErrorCode").asText());
            // the card T-Bank keeps for repeat payments (asked for with Recurrent=Y): its RebillId, never the number
            return message.hasNonNull("RebillId") ? n.withCard(ProviderCard.of(NAME, message.path("RebillId").asText(),
                    message.path("Pan").asText(null), message.path("ExpDate").asText(null))) : n;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The T-Bank OrderId is not a payment of this gateway");
        }
    }

    @Override
    public Response acknowledge(Notification notification) {
        return Response.ok("OK", MediaType.TEXT_PLAIN_TYPE).build();
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The T-Bank token does not verify");
    }
}
