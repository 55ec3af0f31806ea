package io.peakgate.billing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** SQL of the transactional outbox. */
@ApplicationScoped
class OutboxRepository {

    /** A claimed row on its way to Kafka. */
    public record Claimed(long id, UUID eventId, String topic, String key, String payload, OffsetDateTime createdAt) {
    }

    /** Appends events inside the caller's transaction. */
    Uni<Void> append(SqlConnection conn, List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        INSERT INTO outbox (event_id, topic, kafka_key, payload)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])""")
                .execute(Tuple.of(events.stream().map(OutboxEvent::eventId).toArray(UUID[]::new),
                        events.stream().map(OutboxEvent::topic).toArray(String[]::new),
                        events.stream().map(OutboxEvent::key).toArray(String[]::new),
                        events.stream().map(OutboxEvent::payload).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Leases up to {@code limit} unsent rows to {@code owner}, oldest first. SKIP LOCKED lets several
     * relays claim at once without waiting on or taking each other's rows.
     */
    Uni<List<Claimed>> claim(SqlClient client, String owner, int limit, Duration lease) {
        return client.preparedQuery("""
                        UPDATE outbox o SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
                        WHERE o.id IN (SELECT id FROM outbox
                                       WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < now())
                                       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING o.id, o.event_id, o.topic, o.kafka_key, o.payload, o.created_at""")
                .execute(Tuple.of(owner, (double) lease.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getUUID("event_id"), r.getString("topic"),
                                r.getString("kafka_key"), r.getString("payload"), r.getOffsetDateTime("created_at")));
                    }
                    claimed.sort(Comparator.comparingLong(Claimed::id));
                    return claimed;
                });
    }

    Uni<Void> markSent(SqlClient client, String owner, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        UPDATE outbox SET sent_at = now(), lease_owner = NULL, lease_until = NULL
                        WHERE id = ANY($1::bigint[]) AND lease_owner = $2""")
                .execute(Tuple.of(ids.toArray(Long[]::new), owner))
                .replaceWithVoid();
    }

    Uni<Void> release(SqlClient client, String owner, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        UPDATE outbox SET lease_owner = NULL, lease_until = NULL
                        WHERE id = ANY($1::bigint[]) AND lease_owner = $2 AND sent_at IS NULL""")
                .execute(Tuple.of(ids.toArray(Long[]::new), owner))
                .replaceWithVoid();
    }

    /** Unsent rows and the age in seconds of the oldest. */
    Uni<long[]> backlog(SqlClient client) {
        return client.preparedQuery("""
                        SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint
                        FROM outbox WHERE sent_at IS NULL""")
                .execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[]{r.getLong(0), r.getLong(1)};
                });
    }

    Uni<Integer> purge(SqlClient client, Duration keep) {
        return client.preparedQuery("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
