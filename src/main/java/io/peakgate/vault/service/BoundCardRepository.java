package io.peakgate.vault.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL of bound cards and of the suppliers each subscriber has paid. */
@ApplicationScoped
class BoundCardRepository {

    private static final String COLUMNS = """
            token, client_id, subscriber, payment_type, brand, first6, last4, exp_month, exp_year, fingerprint, sealed,
            status, created_at""";

    /** The payment's pending binding(s) once it has succeeded: the tokens made active and those dropped. */
    public record Settled(List<String> bound, List<String> dropped) {
    }

    public Uni<Void> insertPending(SqlConnection conn, BoundCardRow card, UUID paymentId) {
        return insertPending(conn, card, paymentId, List.of(card.fingerprint()));
    }

    /** {@code fingerprints}: the card's fingerprints under every MAC key, so it is recognised across rotations. */
    public Uni<Void> insertPending(SqlConnection conn, BoundCardRow card, UUID paymentId, List<String> fingerprints) {
        return conn.preparedQuery("""
                        INSERT INTO bound_card (token, client_id, subscriber, payment_type, brand, first6, last4, exp_month,
                            exp_year, fingerprint, sealed, status, payment_id, created_at, fingerprints)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13, $14)""")
                .execute(Tuple.from(Arrays.asList(card.token(), card.clientId(), card.subscriber(), card.paymentType(),
                        card.brand(), card.first6(), card.last4(), (short) card.expMonth(), (short) card.expYear(),
                        card.fingerprint(), io.vertx.core.buffer.Buffer.buffer(card.sealed()), paymentId, card.createdAt(),
                        fingerprints.toArray(String[]::new))))
                .replaceWithVoid();
    }

    /**
     * Activates the binding a succeeded payment asked for, unless the subscriber already has this card
     * bound for this payment type (under any MAC key either binding was fingerprinted with); the pending
     * row goes either way.
     */
    public Uni<Settled> activate(SqlConnection conn, UUID paymentId, OffsetDateTime at) {
        return conn.preparedQuery("""
                        UPDATE bound_card p SET status = 'active', activated_at = $2, payment_id = NULL
                        WHERE p.payment_id = $1 AND p.status = 'pending' AND NOT EXISTS (
                            SELECT 1 FROM bound_card a WHERE a.status = 'active' AND a.client_id = p.client_id
                            AND a.subscriber = p.subscriber AND a.payment_type = p.payment_type
                            AND coalesce(a.fingerprints, ARRAY[a.fingerprint])
                                && coalesce(p.fingerprints, ARRAY[p.fingerprint]))
                        RETURNING p.token""")
                .execute(Tuple.of(paymentId, at))
                .map(BoundCardRepository::tokens)
                .chain(bound -> dropPending(conn, paymentId).map(dropped -> new Settled(bound, dropped)));
    }

    /** Drops the payment's pending binding; returns its token (none when the payment bound no card). */
    public Uni<List<String>> dropPending(SqlConnection conn, UUID paymentId) {
        return conn.preparedQuery("DELETE FROM bound_card WHERE payment_id = $1 AND status = 'pending' RETURNING token")
                .execute(Tuple.of(paymentId)).map(BoundCardRepository::tokens);
    }

    public Uni<BoundCardRow> findActive(SqlClient client, String token) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM bound_card WHERE token = $1 AND status = 'active'")
                .execute(Tuple.of(token))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<List<BoundCardRow>> list(SqlClient client, String clientId, String subscriber) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                         FROM bound_card WHERE client_id = $1 AND subscriber = $2 AND status = 'active'
                        ORDER BY created_at DESC""")
                .execute(Tuple.of(clientId, subscriber))
                .map(rows -> {
                    List<BoundCardRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    /** Removes the subscriber's card(s); {@code token} null removes all. Returns the removed tokens. */
    public Uni<List<String>> remove(SqlClient client, String clientId, String subscriber, String token) {
        return client.preparedQuery("""
                        DELETE FROM bound_card WHERE client_id = $1 AND subscriber = $2 AND ($3::text IS NULL OR token = $3)
                        RETURNING token""")
                .execute(Tuple.of(clientId, subscriber, token))
                .map(BoundCardRepository::tokens);
    }

    private static List<String> tokens(RowSet<Row> rows) {
        List<String> tokens = new ArrayList<>();
        rows.forEach(r -> tokens.add(r.getString(0)));
        return tokens;
    }

    public Uni<Void> supplierPaid(SqlConnection conn, String clientId, String subscriber, String supplier,
                                  OffsetDateTime at) {
        return conn.preparedQuery("""
                        INSERT INTO subscriber_supplier (client_id, subscriber, supplier, first_paid_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(clientId, subscriber, supplier, at)).replaceWithVoid();
    }

    public Uni<Boolean> hasPaid(SqlClient client, String clientId, String subscriber, String supplier) {
        return client.preparedQuery("""
                        SELECT 1 FROM subscriber_supplier WHERE client_id = $1 AND subscriber = $2 AND supplier = $3""")
                .execute(Tuple.of(clientId, subscriber, supplier)).map(rows -> rows.size() > 0);
    }

    private static BoundCardRow map(Row r) {
        return new BoundCardRow(r.getString("token"), r.getString("client_id"), r.getString("subscriber"),
                r.getString("payment_type"), r.getString("brand"), r.getString("first6"), r.getString("last4"),
                r.getInteger("exp_month"), r.getInteger("exp_year"), r.getString("fingerprint"),
                r.getBuffer("sealed").getBytes(), r.getString("status"), r.getOffsetDateTime("created_at"));
    }
}
