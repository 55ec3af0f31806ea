package io.peakgate.vault.rest;

import io.peakgate.vault.service.BoundCardRow;

import java.time.OffsetDateTime;

/** A saved card as a portal may show it. */
public record SavedCardView(String token, String brand, String first6, String last4, int expMonth, int expYear,
                            String paymentType, OffsetDateTime createdAt) {

    static SavedCardView of(BoundCardRow row) {
        return new SavedCardView(row.token(), row.brand(), row.first6(), row.last4(), row.expMonth(), row.expYear(),
                row.paymentType(), row.createdAt());
    }
}
