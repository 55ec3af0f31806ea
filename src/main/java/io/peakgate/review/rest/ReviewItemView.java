package io.peakgate.review.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One item of the review desk: what needs a person, and, once resolved, who decided what, when and why. */
@Schema(name = "ReviewItem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewItemView(
        @Schema(description = "Opaque and stable") String id,
        @Schema(description = "payment, reading or sms") String kind,
        @Schema(description = "Why it is here, e.g. amount_mismatch, implausible, late, account.not_found") String reason,
        String supplier, String account,
        @Schema(description = "The payment provider or SMS aggregator, when there is one") String provider,
        @Schema(description = "The money concerned: what the provider took, the reading's estimated charge, the SMS's amount")
        Money amount,
        @Schema(description = "open or resolved") String status,
        @Schema(description = "The item's particulars (payment id and findings, reading registers, SMS text)")
        Map<String, Object> what,
        OffsetDateTime createdAt,
        @Schema(description = "The resolutions this item takes") List<String> resolutions,
        ResolutionView resolution) {

    /** Who resolved the item, when, why, and what money it moved. */
    @Schema(name = "ReviewResolution")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResolutionView(String resolution, String reason,
                                 @Schema(description = "The admin API client that resolved it") String resolvedBy,
                                 @Schema(description = "The person named in the request") String operator,
                                 OffsetDateTime resolvedAt, Credited credited, UUID eventId) {
    }

    /** Where a credit went. */
    @Schema(name = "ReviewCredit")
    public record Credited(String supplier, String account, Money amount) {
    }
}
