package io.peakgate.accounts.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A page of an account's history, newest first; {@code nextCursor} fetches the next page. An item's
 * {@code counted} (not shown) says whether its money moved, as the owning domain publishes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationsPage(String supplier, String account, List<Item> operations, String nextCursor) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Operation")
    public record Item(String kind, String id, OffsetDateTime at, Money amount, String status, String method,
                       String provider, String providerReference, Long paymentNumber, String paymentId,
                       Map<String, Object> details, @JsonIgnore boolean counted) {
    }
}
