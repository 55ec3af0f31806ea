package io.peakgate.promises;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/** SQL of promised payments. */
@ApplicationScoped
class PromiseRepository {

    private static final String COLUMNS = "id, account_id, amount, currency, covered, status, granted_at, expires_at, covered_at";

    @Inject
    Pool pool;

    /** The account's uncovered promise, locking the account so two grants cannot race. */
    Uni<Promise> lockOpen(SqlConnection conn, long accountId) {
        return conn.preparedQuery("SELECT id FROM account_directory WHERE id = $1 FOR UPDATE").execute(Tuple.of(accountId))
                .chain(() -> conn.preparedQuery("SELECT " + COLUMNS + " FROM promised_payment WHERE account_id = $1 AND status = 'active'")
                        .execute(Tuple.of(accountId)))
                .map(PromiseRepository::first);
    }

    /** The account's uncovered promise, if any (on the pool, outside any transaction). */
    public Uni<Promise> open(long accountId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM promised_payment WHERE account_id = $1 AND status = 'active'")
                .execute(Tuple.of(accountId))
                .map(PromiseRepository::first);
    }

    Uni<Void> insert(SqlConnection conn, Promise p, String clientId) {
        return conn.preparedQuery("""
                        INSERT INTO promised_payment (id, account_id, client_id, amount, currency, status, granted_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, 'active', $6, $7)""")
                .execute(Tuple.from(new Object[]{p.id(), p.accountId(), clientId, p.amount(), p.currency(),
                        p.grantedAt(), p.expiresAt()}))
                .replaceWithVoid();
    }

    /** Counts a payment towards the account's open promise; returns the promise if this payment covered it. */
    Uni<Promise> cover(SqlConnection conn, long accountId, long amount, OffsetDateTime at) {
        return conn.preparedQuery("""
                        UPDATE promised_payment SET covered = covered + $2,
                            status = CASE WHEN covered + $2 >= amount THEN 'covered' ELSE status END,
                            covered_at = CASE WHEN covered + $2 >= amount THEN $3 ELSE covered_at END
                        WHERE account_id = $1 AND status = 'active' AND granted_at <= $3
                        RETURNING """ + " " + COLUMNS)
                .execute(Tuple.of(accountId, amount, at))
                .map(PromiseRepository::first)
                .map(p -> p != null && Promise.COVERED.equals(p.status()) ? p : null);
    }

    /** An unpaid promise that ran out, with the account it belongs to. */
    record Overdue(Promise promise, String supplier, String account) {
    }

    /**
     * Marks up to {@code limit} promises that ran out unpaid as published, returning them; SKIP LOCKED
     * lets several instances share the work without publishing one twice.
     */
    Uni<java.util.List<Overdue>> claimOverdue(SqlConnection conn, OffsetDateTime now, int limit) {
        return conn.preparedQuery("""
                        UPDATE promised_payment p SET overdue_published_at = $1
                        FROM account_directory a
                        WHERE a.id = p.account_id AND p.id IN (
                            SELECT id FROM promised_payment
                            WHERE status = 'active' AND overdue_published_at IS NULL AND expires_at <= $1
                            ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                        RETURNING p.id, p.account_id, p.amount, p.currency, p.covered, p.status, p.granted_at,
                                  p.expires_at, p.covered_at, a.supplier, a.number""")
                .execute(Tuple.of(now, limit))
                .map(rows -> {
                    java.util.List<Overdue> overdue = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        overdue.add(new Overdue(new Promise(r.getUUID("id"), r.getLong("account_id"), r.getLong("amount"),
                                r.getString("currency"), r.getLong("covered"), r.getString("status"),
                                r.getOffsetDateTime("granted_at"), r.getOffsetDateTime("expires_at"),
                                r.getOffsetDateTime("covered_at")), r.getString("supplier"), r.getString("number")));
                    }
                    return overdue;
                });
    }

    private static Promise first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row r = rows.iterator().next();
        return new Promise(r.getUUID("id"), r.getLong("account_id"), r.getLong("amount"), r.getString("currency"),
                r.getLong("covered"), r.getString("status"), r.getOffsetDateTime("granted_at"),
                r.getOffsetDateTime("expires_at"), r.getOffsetDateTime("covered_at"));
    }
}
