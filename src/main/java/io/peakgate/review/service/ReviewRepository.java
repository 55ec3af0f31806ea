package io.peakgate.review.service;

import io.peakgate.review.ItemKind;
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
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.List;
import java.util.UUID;

/** SQL of the review desk: the items the domains publish (a view per source, V17) and their resolutions. */
@ApplicationScoped
class ReviewRepository {

    private static final String COLUMNS = """
            item, kind, reason, supplier, account, provider, amount, currency, counted, what, created_at, resolution,
            why, resolved_by, operator, resolved_at, credited_supplier, credited_account, credited_amount, credited_currency,
            event_id""";

    /** What to list: the caller's suppliers (and items of no supplier when it holds them all), filters, position. */
    record Query(Collection<String> suppliers, boolean allSuppliers, ItemKind kind, String supplier, Boolean open,
                 ItemIds.Position after, int limit) {
    }

    /** A resolution as recorded. */
    record Resolved(String item, String resolution, String reason, String clientId, String operator, String supplier,
                    String account, Long amount, String currency, UUID eventId, OffsetDateTime at) {
    }

    /**
     * A page: each source's view sorted and limited on its own (by its time index, so a page costs the same on a
     * million late readings as on ten), then merged. Only the kinds asked for are read.
     */
    Uni<List<ReviewItem>> list(SqlClient client, Query q) {
        String branches = Arrays.stream(ItemKind.values()).filter(k -> q.kind() == null || q.kind() == k)
                .map(k -> "(SELECT " + COLUMNS + " FROM " + view(k) + """
                         WHERE (supplier = ANY($1::text[]) OR (supplier IS NULL AND $2))
                          AND ($3::text IS NULL OR supplier = $3)
                          AND ($4::boolean IS NULL OR $4 = (resolution IS NULL))
                          AND ($5::timestamptz IS NULL OR created_at <= $5 AND (created_at, item) < ($5, $6::text))
                        ORDER BY created_at DESC, item DESC LIMIT $7)""")
                .collect(Collectors.joining(" UNION ALL "));
        return client.preparedQuery("SELECT * FROM (" + branches + ") page ORDER BY created_at DESC, item DESC LIMIT $7")
                .execute(Tuple.from(Arrays.asList(q.suppliers().toArray(String[]::new), q.allSuppliers(), q.supplier(),
                        q.open(), q.after() == null ? null : q.after().createdAt(),
                        q.after() == null ? null : q.after().item(), q.limit())))
                .map(rows -> {
                    List<ReviewItem> items = new ArrayList<>();
                    rows.forEach(r -> items.add(map(r)));
                    return items;
                });
    }

    /** One item by its stored id (e.g. {@code reading:<uuid>}), or null; looked up by its source's own key. */
    Uni<ReviewItem> find(SqlClient client, String item) {
        ItemKind kind = ItemKind.of(item.substring(0, item.indexOf(':')));
        String id = item.substring(item.indexOf(':') + 1);
        Object key = kind == ItemKind.READING ? UUID.fromString(id) : Long.parseLong(id);
        return client.preparedQuery("SELECT " + COLUMNS + " FROM " + view(kind) + " WHERE source_id = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The view the review desk reads a kind's items from (V17). */
    private static String view(ItemKind kind) {
        return switch (kind) {
            case PAYMENT -> "review_payment_item";
            case READING -> "review_reading_item";
            case SMS -> "review_sms_item";
        };
    }

    /**
     * Records the resolution; false when the item already has one (the primary key decides between two
     * people resolving at once: the second waits for the first's commit, then finds it).
     */
    Uni<Boolean> resolve(SqlConnection conn, Resolved r) {
        return conn.preparedQuery("""
                        INSERT INTO review_resolution (item, resolution, reason, client_id, operator, supplier, account,
                            amount, currency, event_id, resolved_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (item) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(r.item(), r.resolution(), r.reason(), r.clientId(), r.operator(),
                        r.supplier(), r.account(), r.amount(), r.currency(), r.eventId(), r.at())))
                .map(rows -> rows.rowCount() == 1);
    }

    private static ReviewItem map(Row r) {
        return new ReviewItem(r.getString("item"), ItemKind.of(r.getString("kind")), r.getString("reason"),
                r.getString("supplier"), r.getString("account"), r.getString("provider"), r.getLong("amount"),
                r.getString("currency"), r.getLong("counted"), (JsonObject) r.getValue("what"),
                r.getOffsetDateTime("created_at"), r.getString("resolution"), r.getString("why"),
                r.getString("resolved_by"), r.getString("operator"), r.getOffsetDateTime("resolved_at"),
                r.getString("credited_supplier"), r.getString("credited_account"), r.getLong("credited_amount"),
                r.getString("credited_currency"),
                r.getUUID("event_id"));
    }
}
