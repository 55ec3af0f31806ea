package io.peakgate.payments;

import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of payment events on {@code billing.payments.v1}: {@code refunded} is the total given
 * back so far, {@code refund} what this refund event gave back (absent on a success).
 */
public record PaymentEvent(UUID paymentId, long number, String supplier, String account, Money amount,
                           PaymentStatus status, String method, String provider, String providerReference,
                           String paymentType, Money refunded, Money refund, OffsetDateTime occurredAt) {

    public static final String SOURCE = "/peakgate/payments";
    public static final String SUCCEEDED = "io.peakgate.payment.succeeded.v1";
    public static final String REFUNDED = "io.peakgate.payment.refunded.v1";

    public static PaymentEvent of(Payment p, Long refund, OffsetDateTime at) {
        return new PaymentEvent(p.id(), p.number(), p.supplier(), p.account(), new Money(p.amount(), p.currency()),
                p.status(), p.method(), p.provider(), p.providerRef(), p.paymentType(),
                new Money(p.refundedAmount(), p.currency()), refund == null ? null : new Money(refund, p.currency()), at);
    }
}
