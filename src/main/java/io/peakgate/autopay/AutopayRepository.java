package io.peakgate.autopay;

import io.peakgate.platform.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL of autopay settings and their charges (one per bill). */
@ApplicationScoped
class AutopayRepository {

    Uni<Void> upsert(SqlClient client, AutopaySetting s) {
        return client.preparedQuery("""
                        INSERT INTO autopay (account_id, client_id, subscriber, card_token, payment_type, max_amount, currency,
                                             created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
                        ON CONFLICT (account_id) DO UPDATE SET client_id = excluded.client_id,
                            subscriber = excluded.subscriber, card_token = excluded.card_token,
                            payment_type = excluded.payment_type, max_amount = excluded.max_amount,
                            currency = excluded.currency, updated_at = excluded.updated_at""")
                .execute(Tuple.from(Arrays.asList(s.accountId(), s.clientId(), s.subscriber(), s.cardToken(),
                        s.paymentType(), s.maxAmount(), s.currency(), s.updatedAt())))
                .replaceWithVoid();
    }

    Uni<AutopaySetting> find(SqlClient client, long accountId) {
        return client.preparedQuery("""
                        SELECT account_id, client_id, subscriber, card_token, payment_type, max_amount, currency,
                               created_at, updated_at
                        FROM autopay WHERE account_id = $1""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new AutopaySetting(r.getLong("account_id"), r.getString("client_id"), r.getString("subscriber"),
                            r.getString("card_token"), r.getString("payment_type"), r.getLong("max_amount"),
                            r.getString("currency"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
                });
    }

    /** Turns autopay off; true if it was on. */
    /** Deletes the account's autopay if this client set it up for this subscriber. */
    Uni<Boolean> delete(SqlClient client, long accountId, String clientId, String subscriber) {
        return client.preparedQuery("DELETE FROM autopay WHERE account_id = $1 AND client_id = $2 AND subscriber = $3")
                .execute(Tuple.of(accountId, clientId, subscriber))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Files a bill for charging if the account has autopay; a bill already filed (delivered again) is
     * left alone. Returns whether this call filed it.
     */
    Uni<Boolean> intake(SqlClient client, String billId, String supplier, String account, long amount, String currency,
                        LocalDate dueDate, OffsetDateTime now) {
        return client.preparedQuery("""
                        INSERT INTO autopay_charge (bill_id, account_id, amount, currency, due_date, status,
                                                    next_attempt_at, created_at, updated_at)
                        SELECT $1, a.id, $4, $5, $6, 'pending', $7, $7, $7
                        FROM account_directory a JOIN autopay ap ON ap.account_id = a.id
                        WHERE a.supplier = $2 AND a.number = $3
                        ON CONFLICT (bill_id) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(billId, supplier, account, amount, currency, dueDate, now)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Leases due charges to this caller; a lapsed lease (a crashed instance) makes a charge due again. */
    Uni<List<AutopayCharge>> claim(SqlClient client, OffsetDateTime now, Duration lease, int limit) {
        return client.preparedQuery("""
                        UPDATE autopay_charge c SET lease_until = $1 + make_interval(secs => $2)
                        FROM account_directory a
                        WHERE a.id = c.account_id AND c.bill_id IN (
                            SELECT bill_id FROM autopay_charge
                            WHERE status IN ('pending', 'charging', 'retrying') AND next_attempt_at <= $1
                              AND (lease_until IS NULL OR lease_until < $1)
                            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING c.bill_id, c.account_id, a.supplier, a.number, c.amount, c.currency, c.status,
                                  c.attempts, c.payment_id""")
                .execute(Tuple.of(now, (double) lease.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<AutopayCharge> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new AutopayCharge(r.getString("bill_id"), r.getLong("account_id"),
                                r.getString("supplier"), r.getString("number"), r.getLong("amount"),
                                r.getString("currency"), r.getString("status"), r.getInteger("attempts"),
                                r.getUUID("payment_id")));
                    }
                    return claimed;
                });
    }

    /** Marks the charge as being charged by this payment; false if another instance got there first. */
    Uni<Boolean> startCharging(SqlConnection conn, String billId, UUID paymentId, OffsetDateTime now) {
        return conn.preparedQuery("""
                        UPDATE autopay_charge SET status = 'charging', payment_id = $2, attempts = attempts + 1,
                            reason = NULL, updated_at = $3
                        WHERE bill_id = $1 AND status IN ('pending', 'retrying')""")
                .execute(Tuple.of(billId, paymentId, now))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Settles a charge that has no payment in flight (skipped, or nothing to charge). */
    Uni<Void> settle(SqlClient client, String billId, String status, String reason, OffsetDateTime now) {
        return client.preparedQuery("""
                        UPDATE autopay_charge SET status = $2, reason = $3, lease_until = NULL, updated_at = $4
                        WHERE bill_id = $1 AND status IN ('pending', 'retrying', 'charging')""")
                .execute(Tuple.of(billId, status, reason, now))
                .replaceWithVoid();
    }

    /** Records the outcome of the payment that charged for the bill. */
    Uni<Void> finish(SqlConnection conn, String billId, UUID paymentId, String status, String reason,
                     OffsetDateTime nextAttemptAt, OffsetDateTime now) {
        return conn.preparedQuery("""
                        UPDATE autopay_charge SET status = $3, reason = $4, next_attempt_at = coalesce($5, next_attempt_at),
                            lease_until = NULL, updated_at = $6
                        WHERE bill_id = $1 AND payment_id = $2 AND status = 'charging'""")
                .execute(Tuple.from(Arrays.asList(billId, paymentId, status, reason, nextAttemptAt, now)))
                .replaceWithVoid();
    }

    Uni<List<AutopayView.Charge>> recent(SqlClient client, long accountId, int limit) {
        return client.preparedQuery("""
                        SELECT bill_id, amount, currency, due_date, status, reason, attempts, payment_id, next_attempt_at
                        FROM autopay_charge WHERE account_id = $1 ORDER BY created_at DESC, bill_id LIMIT $2""")
                .execute(Tuple.of(accountId, limit))
                .map(rows -> {
                    List<AutopayView.Charge> charges = new ArrayList<>();
                    for (Row r : rows) {
                        String status = r.getString("status");
                        charges.add(new AutopayView.Charge(r.getString("bill_id"),
                                new Money(r.getLong("amount"), r.getString("currency")), r.getLocalDate("due_date"),
                                status, r.getString("reason"), r.getInteger("attempts"), r.getUUID("payment_id"),
                                AutopayCharge.RETRYING.equals(status) ? r.getOffsetDateTime("next_attempt_at") : null));
                    }
                    return charges;
                });
    }
}
