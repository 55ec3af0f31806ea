package io.peakgate.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Makes PostgreSQL fail one request, deterministically and without touching the shared server: the
 * request's idempotency claim waits on a row held here, and the backend waiting on it is then
 * terminated, as when PostgreSQL restarts under a gateway.
 */
public final class DatabaseFault {

    private static final String WAITING = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO idempotency_record%'";

    private DatabaseFault() {
    }

    /** Runs {@code request} while its claim of ({@code clientId}, {@code key}) is held, and kills it while it waits. */
    public static <T> T during(DataSource ds, String clientId, String key, Supplier<T> request) throws Exception {
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement(
                    "INSERT INTO idempotency_record (client_id, idem_key, fingerprint) VALUES (?, ?, 'held by a test')")) {
                st.setString(1, clientId);
                st.setString(2, key);
                st.executeUpdate();
            }
            try {
                CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
                await().atMost(10, TimeUnit.SECONDS).until(() -> Fixtures.count(ds,
                        WAITING.replace("SELECT pid", "SELECT count(*)")) >= 1);
                Fixtures.query(ds, "SELECT pg_terminate_backend(pid) FROM (" + WAITING + ") w");
                return answer.get(20, TimeUnit.SECONDS);
            } finally {
                holder.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
