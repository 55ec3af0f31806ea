package io.peakgate.payments.callbacks;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** SQL of the callback inbox ({@code callback_inbox}): one row per (provider, event id), the notification as JSON. */
@ApplicationScoped
class CallbackInboxRepository {

    private static final String CLAIM = """
            UPDATE callback_inbox i SET lease_until = now() + interval '30 seconds', attempts = attempts + 1
            WHERE (i.provider, i.event_id) IN (
                SELECT provider, event_id FROM callback_inbox
                WHERE status = 'received' AND (lease_until IS NULL OR lease_until < now()) %s
                ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING i.notification, i.attempts""";

    /** A leased row: the stored notification and how many times it has been taken. */
    record Leased(JsonObject notification, int attempts) {
    }

    /** Inserts the row; false when this provider event was already stored (a duplicate). */
    Uni<Boolean> insert(SqlClient client, String provider, String eventId, String paymentRef, JsonObject notification) {
        return client.preparedQuery("""
                        INSERT INTO callback_inbox (provider, event_id, payment_ref, notification) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (provider, event_id) DO NOTHING""")
                .execute(Tuple.of(provider, eventId, paymentRef, notification))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Leases up to {@code limit} pending rows, oldest first, skipping rows another processor holds. */
    Uni<List<Leased>> claim(SqlClient client, int limit) {
        return client.preparedQuery(CLAIM.formatted("")).execute(Tuple.of(limit)).map(CallbackInboxRepository::leased);
    }

    /** Leases the pending row of one event, unless another processor holds it. */
    Uni<List<Leased>> claim(SqlClient client, String provider, String eventId) {
        return client.preparedQuery(CLAIM.formatted("AND provider = $2 AND event_id = $3"))
                .execute(Tuple.of(1, provider, eventId)).map(CallbackInboxRepository::leased);
    }

    Uni<Void> done(SqlClient client, String provider, String eventId, String status, String outcome) {
        return client.preparedQuery("""
                        UPDATE callback_inbox SET status = $3, outcome = $4, applied_at = now(), lease_until = NULL
                        WHERE provider = $1 AND event_id = $2""")
                .execute(Tuple.of(provider, eventId, status, outcome)).replaceWithVoid();
    }

    /** Deletes handled rows received more than {@code keep} ago; how many. */
    Uni<Integer> purge(SqlClient client, Duration keep) {
        return client.preparedQuery("""
                        DELETE FROM callback_inbox WHERE status <> 'received'
                        AND received_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) keep.toSeconds())).map(rows -> rows.rowCount());
    }

    private static List<Leased> leased(RowSet<Row> rows) {
        List<Leased> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new Leased(r.getJsonObject("notification"), r.getInteger("attempts")));
        }
        return list;
    }
}
