package io.peakgate.platform.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Looks portal clients up by the hash of their secret or publishable key (non-blocking). */
@ApplicationScoped
class ApiClientRepository {

    private static final String FIND_ACTIVE = """
            SELECT id, key_hash, publishable_key_hash, return_origins, suppliers, scopes, demo, active, kind
            FROM api_client WHERE (key_hash = $1 OR publishable_key_hash = $1) AND active LIMIT 1""";

    @Inject
    Pool pool;

    /** The active client whose secret or publishable key has this hash; null when there is none. */
    public Uni<ApiClient> findActiveByKeyHash(String keyHash) {
        return pool.preparedQuery(FIND_ACTIVE).execute(Tuple.of(keyHash)).map(ApiClientRepository::first);
    }

    private static ApiClient first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row r = rows.iterator().next();
        return new ApiClient(r.getString("id"), r.getString("key_hash"), r.getString("publishable_key_hash"),
                r.getString("return_origins"), r.getString("suppliers"), r.getString("scopes"), r.getBoolean("demo"),
                r.getBoolean("active"), r.getString("kind"));
    }
}
