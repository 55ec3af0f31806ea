package io.peakgate.payments.reconciliation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SQL of a day's reconciliation report (non-blocking reads). */
@ApplicationScoped
class ReconciliationRepository {

    private static final String COUNTS = """
            SELECT r.lines, r.total, r.sha256, r.imported_at,
                   (SELECT count(*) FROM (SELECT provider_ref, sum(amount) AS amount, min(currency) AS currency
                                          FROM settlement_line WHERE provider = $1 AND registry_date = $2
                                          GROUP BY provider_ref) l
                    JOIN payment p ON p.provider = $1 AND p.provider_ref = l.provider_ref
                    WHERE p.status IN %s AND p.amount = l.amount AND p.currency = l.currency) AS matched,
                   (SELECT count(*) FILTER (WHERE kind = 'missing_ours') FROM reconciliation_item
                    WHERE provider = $1 AND registry_date = $2) AS missing_ours,
                   (SELECT count(*) FILTER (WHERE kind = 'missing_theirs') FROM reconciliation_item
                    WHERE provider = $1 AND registry_date = $2) AS missing_theirs,
                   (SELECT count(*) FILTER (WHERE kind = 'amount_mismatch') FROM reconciliation_item
                    WHERE provider = $1 AND registry_date = $2) AS amount_mismatch
            FROM (SELECT $1::text AS provider, $2::date AS day) k
            LEFT JOIN settlement_registry r ON r.provider = k.provider AND r.registry_date = k.day
            """.formatted(RegistryRepository.CAPTURED);

    /** Findings of the day's registry, then the callbacks' flags on payments of that day (UTC). */
    private static final String ITEMS = """
            (SELECT id, kind, provider_ref, payment_id, details, created_at, resolved_at FROM reconciliation_item
             WHERE provider = $1 AND registry_date = $2 AND kind = $3 ORDER BY id LIMIT $4)
            """;

    private static final String FLAGGED = """
            SELECT i.id, i.kind, p.provider_ref, i.payment_id, i.details, i.created_at, i.resolved_at
            FROM reconciliation_item i LEFT JOIN payment p ON p.id = i.payment_id
            WHERE i.provider = $1 AND i.registry_date IS NULL
              AND ((i.created_at >= ($2::date)::timestamp AT TIME ZONE 'UTC'
                    AND i.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC')
                OR (p.created_at >= ($2::date)::timestamp AT TIME ZONE 'UTC'
                    AND p.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'))
            ORDER BY i.id LIMIT $3""";

    @Inject
    Pool pool;

    /** The day's registry (null when none was imported) and how many references matched or were found wanting. */
    record DayCounts(ReconciliationReport.Registry registry, long matched, long missingOurs, long missingTheirs,
                     long amountMismatch) {
    }

    Uni<DayCounts> counts(String provider, LocalDate day) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(provider, day)).map(rows -> {
            Row c = rows.iterator().next();
            ReconciliationReport.Registry registry = c.getValue("lines") == null ? null
                    : new ReconciliationReport.Registry(c.getLong("lines"), c.getLong("total"), c.getString("sha256"),
                    c.getOffsetDateTime("imported_at"));
            return new DayCounts(registry, c.getLong("matched"), c.getLong("missing_ours"), c.getLong("missing_theirs"),
                    c.getLong("amount_mismatch"));
        });
    }

    /** The first {@code limit} findings of one kind from the day's registry. */
    Uni<List<ReconciliationReport.Item>> items(String provider, LocalDate day, String kind, int limit) {
        return pool.preparedQuery(ITEMS).execute(Tuple.of(provider, day, kind, limit)).map(ReconciliationRepository::items);
    }

    /** The first {@code limit} payments that callbacks flagged, filed or created that day (UTC). */
    Uni<List<ReconciliationReport.Item>> flaggedByCallbacks(String provider, LocalDate day, int limit) {
        return pool.preparedQuery(FLAGGED).execute(Tuple.of(provider, day, limit)).map(ReconciliationRepository::items);
    }

    private static List<ReconciliationReport.Item> items(RowSet<Row> rows) {
        List<ReconciliationReport.Item> items = new ArrayList<>();
        for (Row r : rows) {
            items.add(ReconciliationReport.Item.of(r.getLong("id"), r.getString("kind"), r.getString("provider_ref"),
                    r.getUUID("payment_id"), (JsonObject) r.getValue("details"), r.getOffsetDateTime("created_at"),
                    r.getOffsetDateTime("resolved_at")));
        }
        return items;
    }
}
