package io.peakgate.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Claims many keys in one statement, in (client, key) order so that concurrent groups wait for
     * each other's keys in one order and cannot deadlock. Returns, per request in order, null when
     * claimed, or the conflict with the committed record (an in-flight claim, never committed, reads as pending).
     */
    Uni<List<IdempotencyConflict>> claimAll(SqlConnection conn, List<IdempotentRequest> requests) {
        String[] clients = requests.stream().map(IdempotentRequest::clientId).toArray(String[]::new);
        String[] keys = requests.stream().map(IdempotentRequest::key).toArray(String[]::new);
        String[] fingerprints = requests.stream().map(IdempotentRequest::fingerprint).toArray(String[]::new);
        return conn.preparedQuery("""
                        INSERT INTO idempotency_record (client_id, idem_key, fingerprint)
                        SELECT client_id, idem_key, fingerprint
                        FROM unnest($1::text[], $2::text[], $3::text[]) AS w(client_id, idem_key, fingerprint)
                        ORDER BY client_id, idem_key
                        ON CONFLICT (client_id, idem_key) DO NOTHING RETURNING client_id, idem_key""")
                .execute(Tuple.of(clients, keys, fingerprints))
                .chain(rows -> {
                    Set<List<String>> claimed = new HashSet<>();
                    rows.forEach(r -> claimed.add(List.of(r.getString(0), r.getString(1))));
                    List<IdempotentRequest> taken = requests.stream()
                            .filter(r -> !claimed.contains(List.of(r.clientId(), r.key()))).toList();
                    if (taken.isEmpty()) {
                        return Uni.createFrom().item(Collections.nCopies(requests.size(), (IdempotencyConflict) null));
                    }
                    return existingAll(conn, taken).map(found -> requests.stream()
                            .map(r -> claimed.contains(List.of(r.clientId(), r.key())) ? null
                                    : found.getOrDefault(List.of(r.clientId(), r.key()),
                                    new IdempotencyConflict(r.fingerprint(), null)))
                            .toList());
                });
    }

    private Uni<Map<List<String>, IdempotencyConflict>> existingAll(SqlConnection conn, List<IdempotentRequest> requests) {
        return conn.preparedQuery("""
                        SELECT r.client_id, r.idem_key, r.fingerprint, r.status, r.body FROM idempotency_record r
                        JOIN unnest($1::text[], $2::text[]) AS w(client_id, idem_key)
                          ON r.client_id = w.client_id AND r.idem_key = w.idem_key""")
                .execute(Tuple.of(requests.stream().map(IdempotentRequest::clientId).toArray(String[]::new),
                        requests.stream().map(IdempotentRequest::key).toArray(String[]::new)))
                .map(rows -> {
                    Map<List<String>, IdempotencyConflict> found = new HashMap<>();
                    for (Row row : rows) {
                        Integer status = row.getInteger("status");
                        found.put(List.of(row.getString("client_id"), row.getString("idem_key")),
                                new IdempotencyConflict(row.getString("fingerprint"),
                                        status == null ? null : new StoredResponse(status, row.getString("body"))));
                    }
                    return found;
                });
    }

    /** Records many responses in one statement. */
    Uni<Void> recordAll(SqlConnection conn, List<IdempotentRequest> requests, List<StoredResponse> responses) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        UPDATE idempotency_record r SET status = w.status, body = w.body
                        FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS w(client_id, idem_key, status, body)
                        WHERE r.client_id = w.client_id AND r.idem_key = w.idem_key""")
                .execute(Tuple.of(requests.stream().map(IdempotentRequest::clientId).toArray(String[]::new),
                        requests.stream().map(IdempotentRequest::key).toArray(String[]::new),
                        responses.stream().map(StoredResponse::status).toArray(Integer[]::new),
                        responses.stream().map(StoredResponse::body).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Gives up claims made in this transaction (operations refused inside a group), as a rollback would. */
    Uni<Void> unclaimAll(SqlConnection conn, List<IdempotentRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        DELETE FROM idempotency_record r USING unnest($1::text[], $2::text[]) AS w(client_id, idem_key)
                        WHERE r.client_id = w.client_id AND r.idem_key = w.idem_key AND r.status IS NULL""")
                .execute(Tuple.of(requests.stream().map(IdempotentRequest::clientId).toArray(String[]::new),
                        requests.stream().map(IdempotentRequest::key).toArray(String[]::new)))
                .replaceWithVoid();
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
