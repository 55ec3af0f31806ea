package io.peakgate.readings.service;

import io.peakgate.billing.Outbox;
import io.peakgate.billing.Topics;
import io.peakgate.readings.ReadingRejectedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What the review desk and the operator console need of readings: a rejection told to billing, the activity. */
@ApplicationScoped
public class ReadingReviews {

    @Inject
    Pool pool;

    @Inject
    ReadingRepository readings;

    @Inject
    Outbox outbox;

    /**
     * Rejects an accepted reading in the caller's transaction: its registers go back to their previous
     * values (unless a later reading moved them) and billing is told; returns the event's id, or null
     * when there is no such reading.
     */
    public Uni<UUID> reject(SqlConnection conn, UUID readingId, String reason, OffsetDateTime at) {
        return readings.reject(conn, readingId).chain(r -> r == null ? Uni.createFrom().nullItem()
                : outbox.publish(conn, Topics.READINGS, Topics.key(r.supplier(), r.account()), ReadingRejectedEvent.TYPE,
                        ReadingAcceptedEvent.SOURCE, r.supplier() + "/" + r.account(), at,
                        new ReadingRejectedEvent(r.id(), r.supplier(), r.account(), r.meter(), r.period(), reason, at))
                .map(e -> e.eventId()));
    }

    public Uni<Map<OffsetDateTime, Long>> perMinute(Collection<String> suppliers, OffsetDateTime since) {
        return readings.perMinute(pool, suppliers, since);
    }
}
