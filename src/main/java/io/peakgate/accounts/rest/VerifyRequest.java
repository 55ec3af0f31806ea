package io.peakgate.accounts.rest;

import io.peakgate.platform.money.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Proof of knowing an account: its number and, by the supplier's method, the holder's surname or the last payment. */
public record VerifyRequest(@NotBlank @Size(max = 64) String account, @Size(max = 128) String surname,
                            @Valid MoneyRequest lastPaymentAmount) {
}
