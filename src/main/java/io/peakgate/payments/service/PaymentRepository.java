package io.peakgate.payments.service;

import io.peakgate.payments.RefundStatus;
import io.peakgate.payments.Payments;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.ReviewKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of payments, their transitions, refunds and reconciliation items. */
@ApplicationScoped
class PaymentRepository {

    private static final String COLUMNS = """
            id, number, supplier, account_id, account, client_id, subscriber, payment_type, amount, currency, method,
            provider, wallet, card_brand, card_first6, card_last4, status, action_url, provider_ref, failure_code,
            refunded_amount, refund_pending, needs_review, save_card, return_url, created_at, updated_at""";

    /** Inserts a new payment and returns it with its short number. */
    Uni<Payment> insert(SqlConnection conn, Payment p) {
        return conn.preparedQuery("""
                        INSERT INTO payment (id, supplier, account_id, account, client_id, subscriber, payment_type, amount,
                            currency, method, provider, wallet, card_brand, card_first6, card_last4, status, save_card,
                            return_url, created_at, updated_at, provider_ref)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)
                        RETURNING """ + " " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(p.id(), p.supplier(), p.accountId(), p.account(), p.clientId(),
                        p.subscriber(), p.paymentType(), p.amount(), p.currency(), p.method(), p.provider(),
                        p.wallet(), p.cardBrand(), p.cardFirst6(), p.cardLast4(),
                        p.status().wire(), p.saveCard(), p.returnUrl(), p.createdAt(), p.providerRef())))
                .map(rows -> map(rows.iterator().next()));
    }

    Uni<Payment> find(SqlClient client, UUID id) {
        return one(client, "SELECT " + COLUMNS + " FROM payment WHERE id = $1", Tuple.of(id));
    }

    Uni<Payment> findByNumber(SqlClient client, long number) {
        return one(client, "SELECT " + COLUMNS + " FROM payment WHERE number = $1", Tuple.of(number));
    }

    /** The payment a provider (or collector) knows by its own reference (unique per provider). */
    Uni<Payment> findByProviderRef(SqlClient client, String provider, String providerRef) {
        return one(client, "SELECT " + COLUMNS + " FROM payment WHERE provider = $1 AND provider_ref = $2",
                Tuple.of(provider, providerRef));
    }

    /** Locks the payment row until the transaction ends. */
    Uni<Payment> lock(SqlConnection conn, UUID id) {
        return one(conn, "SELECT " + COLUMNS + " FROM payment WHERE id = $1 FOR UPDATE", Tuple.of(id));
    }

    Uni<Payment> lockByNumber(SqlConnection conn, long number) {
        return one(conn, "SELECT " + COLUMNS + " FROM payment WHERE number = $1 FOR UPDATE", Tuple.of(number));
    }

    /** Records a state change: the row, and one line of its history. */
    Uni<Void> transition(SqlConnection conn, Payment before, Payment after, String reason) {
        Uni<?> row = conn.preparedQuery("""
                        UPDATE payment SET status = $2, action_url = $3, provider_ref = $4, failure_code = $5,
                            updated_at = $6,
                            succeeded_at = CASE WHEN $2 = 'succeeded' THEN $6 ELSE succeeded_at END
                        WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(after.id(), after.status().wire(), after.actionUrl(),
                        after.providerRef(), after.failureCode(), after.updatedAt())));
        Uni<?> history = conn.preparedQuery(
                        "INSERT INTO payment_transition (payment_id, from_status, to_status, reason, at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(after.id(), before == null ? null : before.status().wire(), after.status().wire(),
                        reason, after.updatedAt()));
        return Uni.combine().all().unis(row, history).discardItems();
    }

    Uni<Void> created(SqlConnection conn, Payment p) {
        return conn.preparedQuery(
                        "INSERT INTO payment_transition (payment_id, from_status, to_status, reason, at) VALUES ($1, NULL, $2, 'created', $3)")
                .execute(Tuple.of(p.id(), p.status().wire(), p.createdAt())).replaceWithVoid();
    }

    /** Flags the payment for a person and files what did not match. */
    Uni<Void> needsReview(SqlConnection conn, UUID paymentId, String provider, ReviewKind kind,
                          Map<String, Object> details) {
        Uni<?> flag = conn.preparedQuery("UPDATE payment SET needs_review = true WHERE id = $1").execute(Tuple.of(paymentId));
        Uni<?> item = conn.preparedQuery(
                        "INSERT INTO reconciliation_item (payment_id, provider, kind, details) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(paymentId, provider, kind.wire(), new JsonObject(details)));
        return Uni.combine().all().unis(flag, item).discardItems();
    }

    Uni<Void> reserveRefund(SqlConnection conn, UUID paymentId, UUID refundId, long amount, OffsetDateTime at) {
        Uni<?> reserve = conn.preparedQuery("UPDATE payment SET refund_pending = refund_pending + $2 WHERE id = $1")
                .execute(Tuple.of(paymentId, amount));
        Uni<?> refund = conn.preparedQuery("""
                        INSERT INTO refund (id, payment_id, amount, status, created_at, updated_at)
                        VALUES ($1, $2, $3, 'pending', $4, $4)""")
                .execute(Tuple.of(refundId, paymentId, amount, at));
        return Uni.combine().all().unis(reserve, refund).discardItems();
    }

    /** Settles a pending refund: counted as refunded when it succeeded, released when it failed. */
    Uni<Void> settleRefund(SqlConnection conn, UUID paymentId, UUID refundId, long amount, boolean succeeded,
                                  String providerRef, String failureCode, OffsetDateTime at) {
        Uni<?> payment = conn.preparedQuery("""
                        UPDATE payment SET refund_pending = refund_pending - $2,
                            refunded_amount = refunded_amount + CASE WHEN $3 THEN $2 ELSE 0 END
                        WHERE id = $1""")
                .execute(Tuple.of(paymentId, amount, succeeded));
        Uni<?> refund = conn.preparedQuery("""
                        UPDATE refund SET status = $2, provider_ref = $3, failure_code = $4, updated_at = $5 WHERE id = $1""")
                .execute(Tuple.of(refundId, (succeeded ? RefundStatus.SUCCEEDED : RefundStatus.FAILED).wire(), providerRef, failureCode, at));
        return Uni.combine().all().unis(payment, refund).discardItems();
    }

    /**
     * Counts a refund the provider reports that the gateway did not ask for (made in the provider's
     * console): a refund row, settled at once, and the amount added to what was refunded.
     */
    Uni<Void> providerRefund(SqlConnection conn, UUID paymentId, UUID refundId, long amount, String providerRef,
                                    OffsetDateTime at) {
        Uni<?> payment = conn.preparedQuery("UPDATE payment SET refunded_amount = refunded_amount + $2 WHERE id = $1")
                .execute(Tuple.of(paymentId, amount));
        Uni<?> refund = conn.preparedQuery("""
                        INSERT INTO refund (id, payment_id, amount, status, provider_ref, created_at, updated_at)
                        VALUES ($1, $2, $3, 'succeeded', $4, $5, $5)""")
                .execute(Tuple.of(refundId, paymentId, amount, providerRef, at));
        return Uni.combine().all().unis(payment, refund).discardItems();
    }

    /** Marks a reconciliation item resolved by a person (its first resolution only). */
    Uni<Void> resolveReview(SqlConnection conn, long itemId, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE reconciliation_item SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL")
                .execute(Tuple.of(itemId, at)).replaceWithVoid();
    }

    /** Payments created per minute since {@code since} for the suppliers, by minute (UTC), oldest first. */
    Uni<Map<OffsetDateTime, Long>> perMinute(SqlClient client, java.util.Collection<String> suppliers, OffsetDateTime since) {
        return client.preparedQuery("""
                        SELECT date_trunc('minute', created_at) AS minute, count(*) AS n FROM payment
                        WHERE created_at >= $1 AND supplier = ANY($2::text[]) GROUP BY 1 ORDER BY 1""")
                .execute(Tuple.of(since, suppliers.toArray(String[]::new)))
                .map(rows -> {
                    Map<OffsetDateTime, Long> counts = new java.util.TreeMap<>();
                    rows.forEach(r -> counts.put(r.getOffsetDateTime("minute"), r.getLong("n")));
                    return counts;
                });
    }

    /** Payments still waiting on a provider since before {@code before}, oldest first. */
    Uni<List<Payment>> stuck(SqlClient client, OffsetDateTime before, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                         FROM payment WHERE status IN ('created', 'requires_action', 'processing') AND updated_at < $1
                        ORDER BY updated_at LIMIT $2""")
                .execute(Tuple.of(before, limit))
                .map(rows -> {
                    List<Payment> list = new ArrayList<>();
                    rows.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    private Uni<Payment> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args)
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    private static Payment map(Row r) {
        return new Payment(r.getUUID("id"), r.getLong("number"), r.getString("supplier"), r.getLong("account_id"),
                r.getString("account"), r.getString("client_id"), r.getString("subscriber"), r.getString("payment_type"),
                r.getLong("amount"), r.getString("currency"), r.getString("method"), r.getString("provider"),
                r.getString("wallet"), r.getString("card_brand"), r.getString("card_first6"), r.getString("card_last4"),
                PaymentStatus.of(r.getString("status")), r.getString("action_url"), r.getString("provider_ref"),
                r.getString("failure_code"), r.getLong("refunded_amount"), r.getLong("refund_pending"),
                r.getBoolean("needs_review"), r.getBoolean("save_card"), r.getString("return_url"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
