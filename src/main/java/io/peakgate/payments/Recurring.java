package io.peakgate.payments;

import io.peakgate.vault.UsableCard;

/** A recurring charge's inputs: who, what and the (already opened) saved card. */
public record Recurring(String supplier, long accountId, String account, String clientId, String subscriber,
                        String paymentType, long amount, UsableCard card) {
}
