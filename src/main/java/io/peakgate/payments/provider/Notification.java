package io.peakgate.payments.provider;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.vault.ProviderCard;

import java.util.UUID;

/**
 * A verified provider callback in the gateway's terms: which payment, the state it reports, the
 * amount in minor units and currency it was for (for a refund: the amount this refund gave back;
 * null when the provider did not say), which supplier's key signed it, and whether the provider
 * marked it as test-mode money ({@code test}).
 */
public record Notification(String provider, String eventId, PaymentRef payment, PaymentStatus status, Long amount,
                           String currency, String providerRef, String supplier, String failureCode, boolean test,
                           ProviderCard card) {

    /** A live-mode notification. */
    public Notification(String provider, String eventId, PaymentRef payment, PaymentStatus status, Long amount,
                        String currency, String providerRef, String supplier, String failureCode) {
        this(provider, eventId, payment, status, amount, currency, providerRef, supplier, failureCode, false, null);
    }

    public Notification(String provider, String eventId, PaymentRef payment, PaymentStatus status, Long amount,
                        String currency, String providerRef, String supplier, String failureCode, boolean test) {
        this(provider, eventId, payment, status, amount, currency, providerRef, supplier, failureCode, test, null);
    }

    /** The same notification carrying the card the provider confirmed (its recurring token, never a number). */
    public Notification withCard(ProviderCard confirmed) {
        return new Notification(provider, eventId, payment, status, amount, currency, providerRef, supplier, failureCode,
                test, confirmed);
    }

    @Override
    public String toString() {
        return "Notification[" + provider + " " + eventId + " " + status + "]";
    }

    /** How a provider names the gateway's payment. */
    public sealed interface PaymentRef {
        record ById(UUID id) implements PaymentRef {
        }

        record ByNumber(long number) implements PaymentRef {
        }
    }
}
