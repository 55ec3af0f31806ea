package io.peakgate.accounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SQL of accounts and the subscribers who linked them; the payments it compares come from payments' view. */
@ApplicationScoped
class AccountRepository {

    /** An account found: its id and whether billing has closed it. */
    record Found(long id, boolean closed) {
    }

    /** The account if {@code subscriber} of {@code clientId} linked it, else null. */
    Uni<Found> findLinked(SqlClient client, String supplier, String number, String clientId, String subscriber) {
        return client.preparedQuery("""
                        SELECT a.id, a.closed_at IS NOT NULL FROM account a JOIN subscriber_account l ON l.account_id = a.id
                        WHERE a.supplier = $1 AND a.number = $2 AND l.client_id = $3 AND l.subscriber = $4""")
                .execute(Tuple.of(supplier, number, clientId, subscriber))
                .map(AccountRepository::found);
    }

    Uni<Void> link(SqlClient client, String clientId, String subscriber, long accountId) {
        return client.preparedQuery("""
                        INSERT INTO subscriber_account (client_id, subscriber, account_id) VALUES ($1, $2, $3)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(clientId, subscriber, accountId)).replaceWithVoid();
    }

    /** The accounts a subscriber linked: supplier and number. */
    Uni<List<Accounts.Linked>> linked(SqlClient client, String clientId, String subscriber) {
        return client.preparedQuery("""
                        SELECT a.supplier, a.number FROM subscriber_account l JOIN account a ON a.id = l.account_id
                        WHERE l.client_id = $1 AND l.subscriber = $2 ORDER BY l.linked_at""")
                .execute(Tuple.of(clientId, subscriber))
                .map(rows -> {
                    List<Accounts.Linked> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Accounts.Linked(r.getString(0), r.getString(1))));
                    return list;
                });
    }

    /**
     * What verification compares. The last payment is the newer of billing's (it may know of payments made
     * elsewhere) and the gateway's own last captured one (billing may not have caught up with it yet).
     */
    Uni<Accounts.Proof> proof(SqlClient client, String supplier, String number) {
        return client.preparedQuery("""
                        SELECT a.id, a.holder, a.address, a.closed_at IS NOT NULL AS closed,
                               CASE WHEN p.amount IS NULL OR a.last_payment_at > p.created_at
                                    THEN coalesce(a.last_payment_amount, p.amount) ELSE p.amount END AS last
                        FROM account a
                        LEFT JOIN LATERAL (SELECT c.amount, c.created_at FROM captured_payment c WHERE c.account_id = a.id
                                           ORDER BY c.created_at DESC LIMIT 1) p ON true
                        WHERE a.supplier = $1 AND a.number = $2""")
                .execute(Tuple.of(supplier, number))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var r = rows.iterator().next();
                    return new Accounts.Proof(r.getLong("id"), r.getString("holder"), r.getString("address"),
                            r.getLong("last"), r.getBoolean("closed"));
                });
    }

    /** The account, or null when the supplier has no such account. */
    Uni<Found> find(SqlClient client, String supplier, String number) {
        return client.preparedQuery("SELECT id, closed_at IS NOT NULL FROM account WHERE supplier = $1 AND number = $2")
                .execute(Tuple.of(supplier, number))
                .map(AccountRepository::found);
    }

    /** Which of {@code numbers} billing has closed. */
    Uni<Set<String>> closedAmong(SqlClient client, String supplier, Collection<String> numbers) {
        return client.preparedQuery("""
                        SELECT number FROM account WHERE supplier = $1 AND number = ANY($2::text[]) AND closed_at IS NOT NULL""")
                .execute(Tuple.of(supplier, numbers.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> closed = new HashSet<>();
                    rows.forEach(r -> closed.add(r.getString(0)));
                    return closed;
                });
    }

    /** Whether billing has closed the account with this id. */
    Uni<Boolean> closed(SqlClient client, long accountId) {
        return client.preparedQuery("SELECT closed_at IS NOT NULL FROM account WHERE id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    private static Found found(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new Found(r.getLong(0), r.getBoolean(1));
    }
}
