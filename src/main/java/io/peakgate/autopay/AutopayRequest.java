package io.peakgate.autopay;

import io.peakgate.platform.money.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT .../autopay}: the subscriber's bound card that pays this account's bills, never more
 * than {@code limit} per charge. The card must be bound for {@code paymentType} (default utilities).
 */
public record AutopayRequest(@NotBlank @Size(max = 128) String subscriber,
                             @NotBlank @Size(max = 64) String cardToken,
                             @NotNull @Valid MoneyRequest limit,
                             @Size(max = 32) @Pattern(regexp = "[a-z_]+", message = "must be lower-case letters")
                             String paymentType) {

    public String paymentTypeOrDefault() {
        return paymentType == null ? "utilities" : paymentType;
    }
}
