package io.peakgate.review.service;

import io.peakgate.review.ItemKind;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A review item as stored ({@code item} is its source and source id, e.g. {@code payment:42}); {@code counted}
 * is what billing was already told of its payment. The resolution columns are null while it is open.
 */
record ReviewItem(String item, ItemKind kind, String reason, String supplier, String account, String provider,
                  Long amount, String currency, long counted, JsonObject what, OffsetDateTime createdAt,
                  String resolution, String why, String resolvedBy, String operator, OffsetDateTime resolvedAt,
                  String creditedSupplier, String creditedAccount, Long creditedAmount, String creditedCurrency,
                  UUID eventId) {

    /** The id of the item in its source (the reconciliation item's number, the reading's id, the SMS's number). */
    String sourceId() {
        return item.substring(item.indexOf(':') + 1);
    }
}
