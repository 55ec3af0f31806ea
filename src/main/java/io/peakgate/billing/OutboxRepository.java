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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** SQL of the transactional outbox. */
@ApplicationScoped
class OutboxRepository {

    /** A claimed row on its way to Kafka. */
    public record Claimed(long id, UUID eventId, String topic, String key, String payload, OffsetDateTime createdAt,
                          String traceparent) {
    }

    /** Appends events inside the caller's transaction. */
    Uni<Void> append(SqlConnection conn, List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        INSERT INTO outbox (event_id, topic, kafka_key, payload, traceparent)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])""")
                .execute(Tuple.of(events.stream().map(OutboxEvent::eventId).toArray(UUID[]::new),
                        events.stream().map(OutboxEvent::topic).toArray(String[]::new),
                        events.stream().map(OutboxEvent::key).toArray(String[]::new),
                        events.stream().map(OutboxEvent::payload).toArray(String[]::new),
                        events.stream().map(OutboxEvent::traceparent).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Adds the lease rows of partitions 0..partitions-1 that do not exist yet. */
    Uni<Void> addPartitions(SqlClient client, int partitions) {
        return client.preparedQuery("""
                        INSERT INTO outbox_lease (partition) SELECT generate_series(0, $1 - 1)
                        ON CONFLICT (partition) DO NOTHING""")
                .execute(Tuple.of(partitions))
                .replaceWithVoid();
    }

    /** The partitions a relay holds after a renewal, and its fair share of them. */
    record Leases(Set<Integer> held, int share) {
    }

    /**
     * One statement per renewal: records {@code owner} as alive, renews every partition lease it still
     * holds, and takes free or expired partitions (skipping those another relay is taking at the same
     * moment) until it holds its share, ceil(partitions / live relays). A relay holding more than its
     * share (another one has just started) gives the excess back itself, between two batches
     * ({@link #release}), so that no partition changes hands while its rows are on their way.
     */
    Uni<Leases> lease(SqlClient client, String owner, Duration lease, int partitions) {
        return client.preparedQuery("""
                        WITH beat AS (
                            INSERT INTO outbox_relay (owner, alive_until) VALUES ($1, now() + make_interval(secs => $2))
                            ON CONFLICT (owner) DO UPDATE SET alive_until = EXCLUDED.alive_until),
                        share AS (
                            SELECT ceil($3::numeric / (1 + count(*)))::int AS k FROM outbox_relay
                            WHERE alive_until > now() AND owner <> $1),
                        held AS (
                            SELECT count(*)::int AS n FROM outbox_lease
                            WHERE owner = $1 AND lease_until > now() AND partition < $3),
                        free AS (
                            SELECT partition FROM outbox_lease
                            WHERE partition < $3 AND (owner IS NULL OR lease_until IS NULL OR lease_until <= now())
                            ORDER BY partition
                            LIMIT (SELECT greatest(share.k - held.n, 0) FROM share, held)
                            FOR UPDATE SKIP LOCKED)
                        UPDATE outbox_lease l SET owner = $1, lease_until = now() + make_interval(secs => $2)
                        WHERE l.partition < $3
                          AND ((l.owner = $1 AND l.lease_until > now()) OR l.partition IN (SELECT partition FROM free))
                        RETURNING l.partition, (SELECT k FROM share) AS share""")
                .execute(Tuple.of(owner, seconds(lease), partitions))
                .map(rows -> {
                    Set<Integer> held = new TreeSet<>();
                    int share = partitions;
                    for (Row r : rows) {
                        held.add(r.getInteger("partition"));
                        share = r.getInteger("share");
                    }
                    return new Leases(Collections.unmodifiableSet(held), share);
                });
    }

    /** Gives partitions back (excess over the share, or all of them at shutdown). */
    Uni<Void> release(SqlClient client, String owner, Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        UPDATE outbox_lease SET owner = NULL, lease_until = NULL
                        WHERE owner = $1 AND partition = ANY($2::int[])""")
                .execute(Tuple.of(owner, partitions.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** A relay that stops: no longer counted as alive, so the others' shares grow at their next renewal. */
    Uni<Void> leave(SqlClient client, String owner) {
        return client.preparedQuery("DELETE FROM outbox_relay WHERE owner = $1")
                .execute(Tuple.of(owner))
                .replaceWithVoid();
    }

    /**
     * The oldest {@code limit} unsent rows of the given partitions (a row's partition is a stable hash
     * of its key, so every relay must run with the same partition count), in id order, read only while
     * {@code owner}'s lease on their partition has at least {@code margin} left (by the database's
     * clock, so a relay whose renewals stopped reaching the database claims nothing). No row lock is
     * needed: the partition lease keeps every other relay off these rows.
     */
    Uni<List<Claimed>> claim(SqlClient client, String owner, Collection<Integer> partitions, int partitionCount,
                             Duration margin, int limit) {
        return client.preparedQuery("""
                        WITH mine AS (
                            SELECT coalesce(array_agg(partition), '{}') AS parts FROM outbox_lease
                            WHERE owner = $1 AND partition = ANY($2::int[])
                              AND lease_until > now() + make_interval(secs => $3))
                        SELECT o.id, o.event_id, o.topic, o.kafka_key, o.payload, o.created_at, o.traceparent
                        FROM outbox o, mine
                        WHERE o.sent_at IS NULL AND (hashtext(o.kafka_key) & 2147483647) % $4 = ANY(mine.parts)
                        ORDER BY o.id LIMIT $5""")
                .execute(Tuple.of(owner, partitions.toArray(Integer[]::new), seconds(margin), partitionCount, limit))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getUUID("event_id"), r.getString("topic"),
                                r.getString("kafka_key"), r.getString("payload"), r.getOffsetDateTime("created_at"),
                                r.getString("traceparent")));
                    }
                    return claimed;
                });
    }

    /** Marks a batch's acknowledged rows sent: one statement per batch. */
    Uni<Void> markSent(SqlClient client, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
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

    /** Unsent rows per topic: how many, and the age in seconds of the oldest, by the database's clock. */
    Uni<List<OutboxBacklog.Topic>> backlogByTopic(SqlClient client) {
        return client.preparedQuery("""
                        SELECT topic, count(*) AS unsent, extract(epoch FROM now() - min(created_at))::bigint AS age
                        FROM outbox WHERE sent_at IS NULL GROUP BY topic ORDER BY topic""")
                .execute()
                .map(rows -> {
                    List<OutboxBacklog.Topic> topics = new ArrayList<>();
                    rows.forEach(r -> topics.add(new OutboxBacklog.Topic(r.getString("topic"), r.getLong("unsent"),
                            r.getLong("age"))));
                    return topics;
                });
    }

    Uni<Integer> purge(SqlClient client, Duration keep) {
        return client.preparedQuery("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.rowCount())
                .call(() -> client.preparedQuery("DELETE FROM outbox_relay WHERE alive_until < now() - interval '1 hour'")
                        .execute());
    }
}
