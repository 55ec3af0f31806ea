package io.peakgate.payments.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A day's reconciliation with one provider: the registry imported, how many references matched,
 * and every discrepancy by kind (counts complete, items up to the configured number per kind).
 * {@code flaggedByCallbacks} are payments whose callbacks did not match (e.g. another amount).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationReport(String provider, LocalDate date, Registry registry, Counts counts,
                                   Map<String, List<Item>> items) {

    /** The items' key of payments their provider's callbacks had already flagged that day. */
    public static final String FLAGGED_BY_CALLBACKS = "flagged_by_callbacks";

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RegistrySummary")
    public record Registry(long lines, long total, String sha256, OffsetDateTime importedAt) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ReconciliationCounts")
    public record Counts(long matched, long missingOurs, long missingTheirs, long amountMismatch,
                         long flaggedByCallbacks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ReconciliationFinding")
    public record Item(long id, String kind, String providerReference, UUID paymentId, Map<String, Object> details,
                       OffsetDateTime createdAt, OffsetDateTime resolvedAt) {

        static Item of(long id, String kind, String ref, UUID paymentId, JsonObject details, OffsetDateTime createdAt,
                       OffsetDateTime resolvedAt) {
            return new Item(id, kind, ref, paymentId, details == null ? null : details.getMap(), createdAt, resolvedAt);
        }
    }
}
