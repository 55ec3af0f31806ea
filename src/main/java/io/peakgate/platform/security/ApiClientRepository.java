package io.peakgate.platform.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Looks portal clients up by the hash of one of their keys, through the clients domain's view (non-blocking). */
@ApplicationScoped
class ApiClientRepository {

    private static final String FIND_VALID = """
            SELECT client_id, key_kind, expires_at, return_origins, suppliers, scopes, demo, kind
            FROM api_credential WHERE hash = $1""";

    @Inject
    Pool pool;

    /** The client whose key, valid now (not revoked, not expired), has this hash; null when there is none. */
    public Uni<ApiClient> findByValidKeyHash(String keyHash) {
        return pool.preparedQuery(FIND_VALID).execute(Tuple.of(keyHash)).map(ApiClientRepository::first);
    }

    private static ApiClient first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row r = rows.iterator().next();
        return new ApiClient(r.getString("client_id"), r.getString("return_origins"), r.getString("suppliers"),
                r.getString("scopes"), r.getBoolean("demo"), r.getString("kind"), "publishable".equals(r.getString("key_kind")),
                r.getOffsetDateTime("expires_at"));
    }
}
