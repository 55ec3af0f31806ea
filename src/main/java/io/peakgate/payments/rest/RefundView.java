package io.peakgate.payments.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A refund's outcome and the payment's state after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundView(UUID id, UUID paymentId, Money amount, String status, String failureCode,
                         PaymentStatus paymentStatus, Money refundedTotal, OffsetDateTime createdAt) {
}
