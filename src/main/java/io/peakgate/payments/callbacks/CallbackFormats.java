package io.peakgate.payments.callbacks;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The notification formats the providers post to {@code /v1/callbacks/{provider}}, for the document only: the
 * gateway verifies each over its raw bytes (signature, hash or token) before it reads a field, in the provider's
 * own protocol ({@code CallbackProtocol}).
 */
public final class CallbackFormats {

    private CallbackFormats() {
    }

    @Schema(name = "LiqPayCallback", description = "LiqPay (form): base64 JSON `data` and its `signature`, "
            + "base64(sha1(private_key + data + private_key))")
    public record LiqPay(@Schema(required = true) String data, @Schema(required = true) String signature) {
    }

    @Schema(name = "TBankCallback", description = "T-Bank (JSON): the notification with its SHA-256 `Token` over the "
            + "sorted values and the terminal password; answered `OK`")
    public record TBank(@JsonProperty("TerminalKey") @Schema(required = true) String terminalKey,
                        @JsonProperty("OrderId") @Schema(required = true) String orderId,
                        @JsonProperty("Success") Boolean success,
                        @JsonProperty("Status") @Schema(required = true) String status,
                        @JsonProperty("PaymentId") @Schema(required = true) Long paymentId,
                        @JsonProperty("ErrorCode") String errorCode,
                        @JsonProperty("Amount") Long amount,
                        @JsonProperty("RebillId") Long rebillId,
                        @JsonProperty("CardId") Long cardId,
                        @JsonProperty("Pan") String pan,
                        @JsonProperty("ExpDate") String expDate,
                        @JsonProperty("Token") @Schema(required = true) String token) {
    }

    @Schema(name = "YooMoneyCallback", description = "YooMoney wallet (form): the HTTP notification with "
            + "`sha1_hash` over its fields and the notification secret; `label` is the gateway's payment id")
    public record YooMoney(@JsonProperty("notification_type") @Schema(required = true) String notificationType,
                           @JsonProperty("operation_id") @Schema(required = true) String operationId,
                           @Schema(required = true) String amount,
                           @JsonProperty("withdraw_amount") String withdrawAmount,
                           @Schema(required = true) String currency,
                           @Schema(required = true) String datetime,
                           String sender,
                           @Schema(required = true) String codepro,
                           String label,
                           @JsonProperty("sha1_hash") @Schema(required = true) String sha1Hash,
                           @JsonProperty("test_notification") String testNotification,
                           String unaccepted) {
    }

    @Schema(name = "WebMoneyCallback", description = "WebMoney Merchant (form): the pre-request "
            + "(`LMI_PREREQUEST=1`, answered `YES`) and the payment notification with `LMI_HASH`")
    public record WebMoney(@JsonProperty("LMI_PAYEE_PURSE") @Schema(required = true) String payeePurse,
                           @JsonProperty("LMI_PAYMENT_AMOUNT") @Schema(required = true) String paymentAmount,
                           @JsonProperty("LMI_PAYMENT_NO") @Schema(required = true) String paymentNo,
                           @JsonProperty("LMI_MODE") String mode,
                           @JsonProperty("LMI_PREREQUEST") String prerequest,
                           @JsonProperty("LMI_SYS_INVS_NO") String sysInvsNo,
                           @JsonProperty("LMI_SYS_TRANS_NO") String sysTransNo,
                           @JsonProperty("LMI_SYS_TRANS_DATE") String sysTransDate,
                           @JsonProperty("LMI_PAYER_PURSE") String payerPurse,
                           @JsonProperty("LMI_PAYER_WM") String payerWm,
                           @JsonProperty("LMI_HASH") String hash) {
    }

    @Schema(name = "SandboxCallback", description = "The sandbox provider (JSON), signed with X-Sandbox-Signature")
    public record Sandbox(@Schema(required = true) String eventId, @Schema(required = true) String paymentId,
                          @Schema(required = true) String status, Long amount, String currency, String providerRef,
                          String failureCode) {
    }

    @Schema(name = "CallbackReceived", description = "The sandbox's acknowledgement")
    public record Received(@Schema(required = true) boolean received) {
    }
}
