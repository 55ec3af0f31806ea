package io.peakgate.vault.service;

import java.time.OffsetDateTime;

/** A bound card as stored: the number exists only inside {@code sealed} (Tink AEAD, bound to the token). */
public record BoundCardRow(String token, String clientId, String subscriber, String paymentType, String brand,
                           String first6, String last4, int expMonth, int expYear, String fingerprint, byte[] sealed,
                           String status, OffsetDateTime createdAt) {

    @Override
    public String toString() {
        return "BoundCardRow[" + token + ", " + brand + " " + first6 + "******" + last4 + "]";
    }
}
