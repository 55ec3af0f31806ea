package io.peakgate.payments;

import io.peakgate.vault.ProviderCard;

import java.time.OffsetDateTime;

/**
 * One status change of a payment, as the transition path publishes it to its listeners inside the
 * transaction that records it. {@code card} is the card a hosted provider confirmed with the change
 * (its recurring token), when the payment asked to save it.
 */
public record PaymentTransition(Payment before, Payment after, String reason, ProviderCard card, OffsetDateTime at) {

    public PaymentStatus to() {
        return after.status();
    }
}
