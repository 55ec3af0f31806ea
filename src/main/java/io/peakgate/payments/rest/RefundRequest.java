package io.peakgate.payments.rest;

import io.peakgate.platform.money.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/payments/{id}/refunds}: how much to return (never above what remains). */
public record RefundRequest(@NotNull @Valid MoneyRequest amount, @Size(max = 256) String reason) {
}
