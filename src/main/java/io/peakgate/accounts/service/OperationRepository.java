package io.peakgate.accounts.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An account's history ("detailization"): payments, refunds, readings and promises, newest first, by keyset. */
@ApplicationScoped
class OperationRepository {

    /** One line of history; {@code amount} is in minor units (a reading's estimated charge); {@code counted}: money moved. */
    public record Operation(String kind, String id, OffsetDateTime at, Long amount, String status, String method,
                            String provider, String providerReference, Long paymentNumber, String paymentId,
                            JsonObject details, boolean counted) {
    }

    /** The lines each domain publishes (views payment_operation, reading_operation, promise_operation, V12). */
    private static final String HISTORY = """
            SELECT * FROM (
                SELECT kind, id, at, amount, status, method, provider, provider_ref, number, payment_id, details, counted
                FROM payment_operation WHERE account_id = $1
                UNION ALL
                SELECT kind, id, at, amount, status, method, provider, provider_ref, number, payment_id, details, counted
                FROM reading_operation WHERE account_id = $1
                UNION ALL
                SELECT kind, id, at, amount, status, method, provider, provider_ref, number, payment_id, details, counted
                FROM promise_operation WHERE account_id = $1
            ) o
            WHERE o.at >= $2 AND o.at < $3 AND ($4::text[] IS NULL OR o.kind = ANY($4::text[]))
              AND ($5::timestamptz IS NULL OR (o.at, o.id) < ($5, $6))
            ORDER BY o.at DESC, o.id DESC
            LIMIT $7""";

    /** A reading in the statement: its meter (code and service), billing period and per-register lines. */
    public record MeterReading(String id, OffsetDateTime at, String status, String meter, String service,
                               LocalDate period, boolean late, JsonArray registers) {
    }

    /** The account's readings submitted in [from, to), oldest first, with their meters (view reading_operation, V18). */
    Uni<List<MeterReading>> readings(SqlClient client, long accountId, OffsetDateTime from, OffsetDateTime to) {
        return client.preparedQuery("""
                        SELECT o.id, o.at, o.status, m.code, m.service, o.period, o.details
                        FROM reading_operation o JOIN meter m ON m.id = o.meter_id
                        WHERE o.account_id = $1 AND o.at >= $2 AND o.at < $3
                        ORDER BY o.at, o.id""")
                .execute(Tuple.of(accountId, from, to))
                .map(rows -> {
                    List<MeterReading> readings = new ArrayList<>();
                    for (Row r : rows) {
                        JsonObject details = (JsonObject) r.getValue("details");
                        readings.add(new MeterReading(r.getString("id"), r.getOffsetDateTime("at"), r.getString("status"),
                                r.getString("code"), r.getString("service"), r.getLocalDate("period"),
                                details.getBoolean("late", false), details.getJsonArray("registers")));
                    }
                    return readings;
                });
    }

    Uni<List<Operation>> page(SqlClient client, long accountId, OffsetDateTime from, OffsetDateTime to,
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
                                (JsonObject) r.getValue("details"), r.getBoolean("counted")));
                    }
                    return page;
                });
    }
}
