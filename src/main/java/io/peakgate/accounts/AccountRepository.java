package io.peakgate.accounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** SQL of accounts and the subscribers who linked them; the payments it compares come from payments' view. */
@ApplicationScoped
class AccountRepository {

    /** The account's id if {@code subscriber} of {@code clientId} linked it, else null. */
    Uni<Long> findLinked(SqlClient client, String supplier, String number, String clientId, String subscriber) {
        return client.preparedQuery("""
                        SELECT a.id FROM account a JOIN subscriber_account l ON l.account_id = a.id
                        WHERE a.supplier = $1 AND a.number = $2 AND l.client_id = $3 AND l.subscriber = $4""")
                .execute(Tuple.of(supplier, number, clientId, subscriber))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
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

    Uni<Accounts.Proof> proof(SqlClient client, String supplier, String number) {
        return client.preparedQuery("""
                        SELECT a.id, a.holder, a.address,
                               (SELECT p.amount FROM captured_payment p WHERE p.account_id = a.id
                                ORDER BY p.created_at DESC LIMIT 1) AS last
                        FROM account a WHERE a.supplier = $1 AND a.number = $2""")
                .execute(Tuple.of(supplier, number))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var r = rows.iterator().next();
                    return new Accounts.Proof(r.getLong("id"), r.getString("holder"), r.getString("address"), r.getLong("last"));
                });
    }

    /** The account's id, or null when the supplier has no such account. */
    Uni<Long> findId(SqlClient client, String supplier, String number) {
        return client.preparedQuery("SELECT id FROM account WHERE supplier = $1 AND number = $2")
                .execute(Tuple.of(supplier, number))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }
}
