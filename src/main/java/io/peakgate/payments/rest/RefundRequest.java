package io.peakgate.payments.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/payments/{id}/refunds}: how much to return (never above what remains). */
public record RefundRequest(@NotNull @Valid PaymentRequest.MoneyRequest amount, @Size(max = 256) String reason) {
}
