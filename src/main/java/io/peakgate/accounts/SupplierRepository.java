package io.peakgate.accounts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** SQL of the {@code supplier} table: the configured suppliers, mirrored so rows can reference them. */
@ApplicationScoped
class SupplierRepository {

    /** Inserts or updates suppliers: each row is code, name, currency and time zone. */
    Uni<Void> upsert(SqlClient client, List<Tuple> rows) {
        return client.preparedQuery("""
                        INSERT INTO supplier (code, name, currency, time_zone) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name, currency = excluded.currency,
                            time_zone = excluded.time_zone, updated_at = now()""")
                .executeBatch(rows).replaceWithVoid();
    }
}
