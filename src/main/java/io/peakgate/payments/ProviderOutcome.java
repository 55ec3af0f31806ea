package io.peakgate.payments;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.vault.ProviderCard;

/**
 * Where a provider says a payment (or refund) stands; {@code status} null means "no news". {@code card}
 * is the card a hosted provider confirmed with its recurring token, when the payment asked to save it.
 */
public record ProviderOutcome(PaymentStatus status, String actionUrl, String providerRef, String failureCode,
                              ProviderCard card) {

    public ProviderOutcome(PaymentStatus status, String actionUrl, String providerRef, String failureCode) {
        this(status, actionUrl, providerRef, failureCode, null);
    }

    public static ProviderOutcome action(String url, String providerRef) {
        return new ProviderOutcome(PaymentStatus.REQUIRES_ACTION, url, providerRef, null);
    }

    public static ProviderOutcome failed(String failureCode) {
        return new ProviderOutcome(PaymentStatus.FAILED, null, null, failureCode);
    }

    public static ProviderOutcome failed(FailureCode failureCode) {
        return failed(failureCode, null);
    }

    /** Failed, with the provider's reference of the attempt. */
    public static ProviderOutcome failed(FailureCode failureCode, String providerRef) {
        return new ProviderOutcome(PaymentStatus.FAILED, null, providerRef, failureCode.wire());
    }

    public static ProviderOutcome unknown() {
        return new ProviderOutcome(null, null, null, null);
    }
}
