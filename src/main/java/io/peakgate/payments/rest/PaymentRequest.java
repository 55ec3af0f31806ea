package io.peakgate.payments.rest;

import io.peakgate.platform.money.MoneyRequest;
import io.peakgate.vault.CardRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/payments}: who is paid, how much, and how. Server-owned fields are refused as unknown. */
public record PaymentRequest(
        @NotBlank @Size(max = 64) String supplier,
        @NotBlank @Size(max = 64) String account,
        @NotNull @Valid MoneyRequest amount,
        @NotNull @Valid MethodRequest method,
        @Pattern(regexp = "[a-z][a-z0-9_]{0,31}", message = "must be a payment type such as utilities") String paymentType,
        @Size(max = 128) String subscriber,
        Boolean saveCard,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String returnUrl,
        @Size(max = 32) String provider) {


    /** {@code card} with full card data, {@code card_token} with a token, or {@code wallet} with its provider. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "PaymentMethodRequest")
    public record MethodRequest(
            @NotNull @Pattern(regexp = "card|card_token|wallet", message = "must be card, card_token or wallet") String type,
            @Valid CardRequest card,
            @Size(max = 128) String token,
            @Size(max = 32) String provider) {
    }

    /** The request as fingerprinted for idempotency: the card reduced to what is not secret. */
    public PaymentRequest forFingerprint() {
        if (method.card() == null) {
            return this;
        }
        CardRequest c = method.card();
        String digits = c.number() == null ? "" : c.number().replaceAll("\\D", "");
        String masked = digits.length() < 10 ? "?" : digits.substring(0, 6) + "*" + digits.substring(digits.length() - 4);
        CardRequest safe = new CardRequest(masked, c.expMonth(), c.expYear(), null, c.holder());
        return new PaymentRequest(supplier, account, amount, new MethodRequest(method.type(), safe, method.token(),
                method.provider()), paymentType, subscriber, saveCard, returnUrl, provider);
    }
}
