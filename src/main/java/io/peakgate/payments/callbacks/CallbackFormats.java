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

    @Schema(name = "ProviderCallbackForm", description = "The form providers post (application/x-www-form-urlencoded), "
            + "one of: LiqPay (`data`, base64 JSON, and its `signature`, base64(sha1(private_key + data + private_key))); "
            + "YooMoney wallet (the HTTP notification with `sha1_hash` over its fields and the notification secret; "
            + "`label` is the gateway's payment id); WebMoney Merchant (the pre-request, `LMI_PREREQUEST=1`, answered "
            + "`YES`, and the payment notification with `LMI_HASH`). Each sends only its own fields.")
    public record Form(
            @Schema(description = "LiqPay: the base64 JSON notification") String data,
            @Schema(description = "LiqPay: its signature") String signature,
            @JsonProperty("notification_type") @Schema(description = "YooMoney") String notificationType,
            @JsonProperty("operation_id") @Schema(description = "YooMoney") String operationId,
            @Schema(description = "YooMoney: the amount credited") String amount,
            @JsonProperty("withdraw_amount") @Schema(description = "YooMoney") String withdrawAmount,
            @Schema(description = "YooMoney: 643 for RUB") String currency,
            @Schema(description = "YooMoney") String datetime,
            @Schema(description = "YooMoney") String sender,
            @Schema(description = "YooMoney: true while the transfer is protected by a code") String codepro,
            @Schema(description = "YooMoney: the gateway's payment id") String label,
            @JsonProperty("sha1_hash") @Schema(description = "YooMoney: the notification's hash") String sha1Hash,
            @JsonProperty("test_notification") @Schema(description = "YooMoney: a test from the wallet's settings")
            String testNotification,
            @Schema(description = "YooMoney: true while the transfer is held") String unaccepted,
            @JsonProperty("LMI_PAYEE_PURSE") @Schema(description = "WebMoney: the supplier's purse") String payeePurse,
            @JsonProperty("LMI_PAYMENT_AMOUNT") @Schema(description = "WebMoney") String paymentAmount,
            @JsonProperty("LMI_PAYMENT_NO") @Schema(description = "WebMoney: the gateway's payment number") String paymentNo,
            @JsonProperty("LMI_MODE") @Schema(description = "WebMoney: 1 in test mode") String mode,
            @JsonProperty("LMI_PREREQUEST") @Schema(description = "WebMoney: 1 on the pre-request") String prerequest,
            @JsonProperty("LMI_SYS_INVS_NO") @Schema(description = "WebMoney") String sysInvsNo,
            @JsonProperty("LMI_SYS_TRANS_NO") @Schema(description = "WebMoney") String sysTransNo,
            @JsonProperty("LMI_SYS_TRANS_DATE") @Schema(description = "WebMoney") String sysTransDate,
            @JsonProperty("LMI_PAYER_PURSE") @Schema(description = "WebMoney") String payerPurse,
            @JsonProperty("LMI_PAYER_WM") @Schema(description = "WebMoney") String payerWm,
            @JsonProperty("LMI_HASH") @Schema(description = "WebMoney: the notification's hash") String hash) {
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

    @Schema(name = "SandboxCallback", description = "The sandbox provider (JSON), signed with X-Sandbox-Signature")
    public record Sandbox(@Schema(required = true) String eventId, @Schema(required = true) String paymentId,
                          @Schema(required = true) String status, Long amount, String currency, String providerRef,
                          String failureCode) {
    }

    @Schema(name = "CallbackReceived", description = "The sandbox's acknowledgement")
    public record Received(@Schema(required = true) boolean received) {
    }
}
