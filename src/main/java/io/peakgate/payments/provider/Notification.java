package io.peakgate.payments.provider;

import io.peakgate.payments.PaymentStatus;

import java.util.UUID;

/**
 * A verified provider callback in the gateway's terms: which payment, the state it reports,
 * the amount in minor units and currency it was for, and which supplier's key signed it.
 */
public record Notification(String provider, String eventId, PaymentRef payment, PaymentStatus status, Long amount,
                           String currency, String providerRef, String supplier, String failureCode) {

    /** How a provider names the gateway's payment. */
    public sealed interface PaymentRef {
        record ById(UUID id) implements PaymentRef {
        }

        record ByNumber(long number) implements PaymentRef {
        }
    }
}
