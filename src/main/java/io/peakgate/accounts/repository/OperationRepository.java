package io.peakgate.accounts.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An account's history ("detailization"): payments, refunds and readings, newest first, by keyset. */
@ApplicationScoped
public class OperationRepository {

    /** One line of history; {@code amount} is in minor units (a reading's estimated charge). */
    public record Operation(String kind, String id, OffsetDateTime at, Long amount, String status, String method,
                            String provider, String providerReference, Long paymentNumber, String paymentId,
                            JsonObject details) {
    }

    private static final String HISTORY = """
            SELECT * FROM (
                SELECT 'payment' AS kind, p.id::text AS id, p.created_at AS at, p.amount, p.status, p.method, p.provider,
                       p.provider_ref, p.number, p.id::text AS payment_id, NULL::jsonb AS details
                FROM payment p WHERE p.account_id = $1
                UNION ALL
                SELECT 'refund', r.id::text, r.created_at, r.amount, r.status, p.method, p.provider, r.provider_ref,
                       p.number, p.id::text, NULL::jsonb
                FROM refund r JOIN payment p ON p.id = r.payment_id WHERE p.account_id = $1
                UNION ALL
                SELECT 'reading', d.id::text, d.submitted_at, d.estimated_charge,
                       CASE WHEN d.needs_review THEN 'needs_review' ELSE 'accepted' END, d.source, NULL, NULL, NULL, NULL,
                       jsonb_build_object('period', to_char(d.period, 'YYYY-MM'), 'late', d.late, 'registers', d.registers)
                FROM reading d WHERE d.account_id = $1
                UNION ALL
                SELECT 'promised_payment', pp.id::text, pp.granted_at, pp.amount,
                       CASE WHEN pp.status = 'active' AND pp.expires_at <= now() THEN 'overdue' ELSE pp.status END,
                       NULL, NULL, NULL, NULL, NULL,
                       jsonb_build_object('expiresAt', pp.expires_at, 'covered', least(pp.covered, pp.amount),
                                          'coveredAt', pp.covered_at)
                FROM promised_payment pp WHERE pp.account_id = $1
            ) o
            WHERE o.at >= $2 AND o.at < $3 AND ($4::text[] IS NULL OR o.kind = ANY($4::text[]))
              AND ($5::timestamptz IS NULL OR (o.at, o.id) < ($5, $6))
            ORDER BY o.at DESC, o.id DESC
            LIMIT $7""";

    public Uni<List<Operation>> page(SqlClient client, long accountId, OffsetDateTime from, OffsetDateTime to,
                                     List<String> kinds, OffsetDateTime afterAt, String afterId, int limit) {
        return client.preparedQuery(HISTORY)
                .execute(Tuple.from(Arrays.asList(accountId, from, to, kinds == null ? null : kinds.toArray(String[]::new),
                        afterAt, afterId, limit)))
                .map(rows -> {
                    List<Operation> page = new ArrayList<>();
                    for (Row r : rows) {
                        page.add(new Operation(r.getString("kind"), r.getString("id"), r.getOffsetDateTime("at"),
                                r.getLong("amount"), r.getString("status"), r.getString("method"), r.getString("provider"),
                                r.getString("provider_ref"), r.getLong("number"), r.getString("payment_id"),
                                (JsonObject) r.getValue("details")));
                    }
                    return page;
                });
    }
}
