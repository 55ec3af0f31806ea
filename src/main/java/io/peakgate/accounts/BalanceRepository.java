package io.peakgate.accounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Billing's snapshots and the gateway's movements since: the two halves of a balance. */
@ApplicationScoped
class BalanceRepository {

    /** Billing's figure (null fields when billing has sent none) and what the gateway accepted after it. */
    record Loaded(Long debt, String currency, OffsetDateTime asOf, UUID lastEventId, long movedSince,
                         Long promised, OffsetDateTime promiseExpiresAt) {
    }

    Uni<Loaded> load(SqlClient client, long accountId) {
        return client.preparedQuery("""
                        SELECT b.debt, b.currency, b.as_of, b.last_event_id,
                               coalesce((SELECT sum(m.amount) FROM balance_movement m WHERE m.account_id = $1
                                         AND (b.last_event_id IS NULL OR m.event_id > b.last_event_id)), 0) AS moved,
                               pp.promised, pp.expires_at AS promise_expires_at
                        FROM (SELECT $1::bigint AS account_id) a
                        LEFT JOIN account_balance b ON b.account_id = a.account_id
                        LEFT JOIN promise_outstanding pp ON pp.account_id = a.account_id""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Loaded(r.getLong("debt"), r.getString("currency"), r.getOffsetDateTime("as_of"),
                            r.getUUID("last_event_id"), r.getLong("moved"), r.getLong("promised"),
                            r.getOffsetDateTime("promise_expires_at"));
                });
    }

    /** Records a change the gateway sent billing, keyed by the event that carried it. */
    Uni<Void> move(SqlConnection conn, UUID eventId, long accountId, UUID paymentId, long amount, OffsetDateTime at) {
        return conn.preparedQuery("""
                        INSERT INTO balance_movement (event_id, account_id, payment_id, amount, at) VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(eventId, accountId, paymentId, amount, at)).replaceWithVoid();
    }

    /** What earlier movements already gave back of this payment. */
    Uni<Long> refundedBefore(SqlConnection conn, UUID paymentId) {
        return conn.preparedQuery("SELECT coalesce(sum(amount), 0) FROM balance_movement WHERE payment_id = $1 AND amount > 0")
                .execute(Tuple.of(paymentId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** A past balance: billing's snapshot and the movements after it up to the moment asked for. */
    record AtMoment(long debt, String currency, OffsetDateTime asOf, long movedSince) {
    }

    /**
     * The last snapshot taken at or before {@code at} plus the movements after it (by event, as {@link #load}
     * counts them) that happened before {@code at}; null when billing had sent none by then.
     */
    Uni<AtMoment> at(SqlClient client, long accountId, OffsetDateTime at) {
        return client.preparedQuery("""
                        SELECT s.debt, s.currency, s.as_of,
                               coalesce((SELECT sum(m.amount) FROM balance_movement m WHERE m.account_id = $1
                                         AND m.at < $2
                                         AND (s.last_event_id IS NULL OR m.event_id > s.last_event_id)), 0) AS moved
                        FROM balance_snapshot s WHERE s.account_id = $1 AND s.as_of <= $2
                        ORDER BY s.as_of DESC LIMIT 1""")
                .execute(Tuple.of(accountId, at))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new AtMoment(r.getLong("debt"), r.getString("currency"), r.getOffsetDateTime("as_of"),
                            r.getLong("moved"));
                });
    }

    /**
     * Keeps the snapshot in the history (once, however often it is delivered) and stores it as the latest
     * unless a newer one is already there; returns the account id, or null when unknown.
     */
    Uni<Long> snapshot(SqlClient client, String supplier, String account, long debt, String currency,
                              OffsetDateTime asOf, UUID lastEventId) {
        return client.preparedQuery("""
                        WITH a AS (SELECT id FROM account WHERE supplier = $1 AND number = $2),
                        history AS (
                            INSERT INTO balance_snapshot (account_id, as_of, debt, currency, last_event_id)
                            SELECT id, $5, $3, $4, $6 FROM a
                            ON CONFLICT (account_id, as_of) DO NOTHING)
                        INSERT INTO account_balance (account_id, debt, currency, as_of, last_event_id)
                        SELECT id, $3, $4, $5, $6 FROM a
                        ON CONFLICT (account_id) DO UPDATE SET debt = excluded.debt, currency = excluded.currency,
                            as_of = excluded.as_of, last_event_id = excluded.last_event_id, received_at = now()
                        WHERE account_balance.as_of <= excluded.as_of
                        RETURNING account_id""")
                .execute(Tuple.of(supplier, account, debt, currency, asOf, lastEventId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }
}
