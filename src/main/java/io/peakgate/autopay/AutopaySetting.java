package io.peakgate.autopay;

import java.time.OffsetDateTime;

/** An account's autopay as stored. */
public record AutopaySetting(long accountId, String clientId, String subscriber, String cardToken, String paymentType,
                             long maxAmount, String currency, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
