package io.peakgate.payments;

import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code io.peakgate.payment.credited.v1} on {@code billing.payments.v1}: money a provider or
 * an SMS aggregator took that a person, at the review desk, decided to credit to an account
 * ({@code paymentId} is absent when no payment of the gateway's carried it).
 */
public record PaymentCredit(String reviewItem, UUID paymentId, String supplier, String account, Money amount,
                            String provider, String providerReference, String reason, String resolvedBy,
                            OffsetDateTime occurredAt) {

    public static final String CREDITED = "io.peakgate.payment.credited.v1";
}
