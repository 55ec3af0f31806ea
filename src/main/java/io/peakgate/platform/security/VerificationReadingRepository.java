package io.peakgate.platform.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL of spent verification tokens (by the SHA-256 hash of the token). */
@ApplicationScoped
class VerificationReadingRepository {

    /** False when the token's one reading was spent already. */
    Uni<Boolean> spend(SqlConnection conn, String tokenHash) {
        return conn.preparedQuery("INSERT INTO verification_reading (token_hash) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tokenHash)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Void> purge(SqlClient client) {
        return client.preparedQuery("DELETE FROM verification_reading WHERE spent_at < now() - interval '1 day'")
                .execute().replaceWithVoid();
    }
}
