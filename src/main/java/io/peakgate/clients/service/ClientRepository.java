package io.peakgate.clients.service;

import io.peakgate.clients.ClientSpec;
import io.peakgate.clients.ClientView;
import io.peakgate.platform.security.ApiKeyCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of API clients ({@code api_client}) and their keys ({@code api_key}, by SHA-256 hash). A client is
 * reached only by an operator holding every supplier it acts for ({@code within}).
 */
@ApplicationScoped
class ClientRepository {

    /** A client is within an operator's reach when all its suppliers are among the operator's. */
    private static final String WITHIN = "string_to_array(c.suppliers, ' ') <@ $1::text[]";
    private static final String VIEW = """
            SELECT c.id, c.name, c.description, c.suppliers, c.scopes, c.kind, c.return_origins, c.demo, c.created_at,
                   c.revoked_at, k.id AS key_id, k.kind AS key_kind, k.prefix, k.created_at AS key_created_at,
                   k.expires_at, k.revoked_at AS key_revoked_at
            FROM api_client c LEFT JOIN api_key k ON k.client_id = c.id
            WHERE""" + " " + WITHIN;

    @Inject
    Pool pool;

    /** False when a client with this id exists already (nothing is written then). */
    Uni<Boolean> insert(SqlConnection conn, ClientSpec spec) {
        return conn.preparedQuery("""
                        INSERT INTO api_client (id, name, description, suppliers, scopes, kind, return_origins, demo)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(new Object[]{spec.id(), spec.name(), spec.description(), String.join(" ", spec.suppliers()),
                        String.join(" ", spec.scopes()), spec.kind(), String.join(" ", spec.returnOrigins()), spec.demo()}))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Void> insertKey(SqlConnection conn, String clientId, String hash, String kind, String prefix) {
        return conn.preparedQuery("INSERT INTO api_key (hash, client_id, kind, prefix) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(hash, clientId, kind, prefix)).replaceWithVoid();
    }

    /** Locks the client for a change to its keys; null when it is not within reach. */
    Uni<Locked> lock(SqlConnection conn, String id, String[] within) {
        return conn.preparedQuery("SELECT c.revoked_at IS NOT NULL AS revoked FROM api_client c WHERE " + WITHIN
                        + " AND c.id = $2 FOR UPDATE")
                .execute(Tuple.of(within, id))
                .map(rows -> rows.iterator().hasNext() ? new Locked(rows.iterator().next().getBoolean("revoked")) : null);
    }

    record Locked(boolean revoked) {
    }

    /** Ends the grace of the client's current keys of this kind at most {@code grace} from now. */
    Uni<Void> expire(SqlConnection conn, String clientId, String kind, Duration grace) {
        return conn.preparedQuery("""
                        UPDATE api_key SET expires_at = LEAST(coalesce(expires_at, 'infinity'), now() + $3::bigint * interval '1 millisecond')
                        WHERE client_id = $1 AND kind = $2 AND revoked_at IS NULL""")
                .execute(Tuple.of(clientId, kind, grace.toMillis())).replaceWithVoid();
    }

    /** Revokes the client and every key it has (a second revocation keeps the first one's time). */
    Uni<Void> revoke(SqlConnection conn, String clientId) {
        return conn.preparedQuery("UPDATE api_client SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1")
                .execute(Tuple.of(clientId))
                .chain(() -> conn.preparedQuery("UPDATE api_key SET revoked_at = now() WHERE client_id = $1 AND revoked_at IS NULL")
                        .execute(Tuple.of(clientId)))
                .replaceWithVoid();
    }

    /** Tells every instance, when this transaction commits, that the client's keys changed ({@link ApiKeyCache}). */
    Uni<Void> announce(SqlConnection conn, String clientId) {
        return conn.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(ApiKeyCache.CHANNEL, clientId))
                .replaceWithVoid();
    }

    /** The clients within reach, by id. */
    Uni<List<ClientView>> list(String[] within) {
        return views(pool, VIEW + " ORDER BY c.id, k.id DESC", Tuple.of((Object) within));
    }

    /** The client, if within reach; null otherwise. */
    Uni<ClientView> find(SqlClient client, String id, String[] within) {
        return views(client, VIEW + " AND c.id = $2 ORDER BY k.id DESC", Tuple.of(within, id))
                .map(views -> views.isEmpty() ? null : views.getFirst());
    }

    Uni<ClientView> find(String id, String[] within) {
        return find(pool, id, within);
    }

    private static Uni<List<ClientView>> views(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(ClientRepository::group);
    }

    private static List<ClientView> group(RowSet<Row> rows) {
        Map<String, ClientView> clients = new LinkedHashMap<>();
        for (Row r : rows) {
            ClientView view = clients.computeIfAbsent(r.getString("id"), id -> new ClientView(id, r.getString("name"),
                    r.getString("description"), words(r.getString("suppliers")), words(r.getString("scopes")),
                    r.getString("kind"), words(r.getString("return_origins")), r.getBoolean("demo"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("revoked_at"), new ArrayList<>()));
            if (r.getLong("key_id") != null) {
                view.keys().add(new ClientView.KeyView(r.getLong("key_id"), r.getString("key_kind"), r.getString("prefix"),
                        r.getOffsetDateTime("key_created_at"), r.getOffsetDateTime("expires_at"),
                        r.getOffsetDateTime("key_revoked_at")));
            }
        }
        return List.copyOf(clients.values());
    }

    private static List<String> words(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.trim().split("\\s+"));
    }
}
