package io.peakgate.readings;

import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.readings.service.ReadingReviews;
import io.peakgate.readings.service.ReadingService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The readings domain's front door for other domains: an SMS with a reading, the review desk, the console. */
@ApplicationScoped
public class Readings {

    @Inject
    ReadingService readings;

    @Inject
    ReadingReviews reviews;

    /** The account's only meter when it has exactly one, single-register meter (what an SMS can address), else null. */
    public Uni<SingleRegisterMeter> singleRegisterMeter(String supplier, String account) {
        return readings.singleRegisterMeter(supplier, account);
    }

    /** Evaluates and stores one reading with its billing event and the caller's idempotency record. */
    public Uni<ReadingResponse> submit(String clientId, String supplier, ReadingSubmission submission,
                                       IdempotencyGuard guard) {
        return readings.submit(clientId, supplier, submission, guard);
    }

    /**
     * Rejects an accepted reading in the caller's transaction (its registers go back, billing is told);
     * returns the billing event's id, or null when there is no such reading.
     */
    public Uni<UUID> reject(SqlConnection conn, UUID readingId, String reason, OffsetDateTime at) {
        return reviews.reject(conn, readingId, reason, at);
    }

    /** Readings submitted per minute (UTC) since {@code since}, for the suppliers. */
    public Uni<Map<OffsetDateTime, Long>> perMinute(Collection<String> suppliers, OffsetDateTime since) {
        return reviews.perMinute(suppliers, since);
    }
}
