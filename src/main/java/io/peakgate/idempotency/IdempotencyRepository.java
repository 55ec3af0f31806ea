package io.peakgate.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** The PostgreSQL side of idempotency: a unique (client, key) row in the operation's own transaction. */
@ApplicationScoped
class IdempotencyRepository {

    /**
     * Inserts the claim, or fails with {@link IdempotencyConflict} carrying the committed record.
     * A concurrent uncommitted claim makes this wait for its outcome (the unique index), so two
     * transactions can never both perform the operation.
     */
    Uni<Void> claim(SqlConnection conn, IdempotentRequest request) {
        return conn.preparedQuery("""
                        INSERT INTO idempotency_record (client_id, idem_key, fingerprint) VALUES ($1, $2, $3)
                        ON CONFLICT (client_id, idem_key) DO NOTHING RETURNING 1""")
                .execute(Tuple.of(request.clientId(), request.key(), request.fingerprint()))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem() : existing(conn, request));
    }

    private Uni<Void> existing(SqlConnection conn, IdempotentRequest request) {
        return conn.preparedQuery("SELECT fingerprint, status, body FROM idempotency_record WHERE client_id = $1 AND idem_key = $2")
                .execute(Tuple.of(request.clientId(), request.key()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Integer status = row.getInteger("status");
                    throw new IdempotencyConflict(row.getString("fingerprint"),
                            status == null ? null : new StoredResponse(status, row.getString("body")));
                });
    }

    Uni<Void> record(SqlConnection conn, IdempotentRequest request, StoredResponse response) {
        return conn.preparedQuery("UPDATE idempotency_record SET status = $3, body = $4 WHERE client_id = $1 AND idem_key = $2")
                .execute(Tuple.of(request.clientId(), request.key(), response.status(), response.body()))
                .replaceWithVoid();
    }

    /** Deletes records older than {@code keep}; returns how many. */
    Uni<Integer> purge(SqlClient client, Duration keep) {
        return client.preparedQuery("DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
