package io.peakgate.accounts.demo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo data set (SPEC section 6): the fixed demo accounts and the demo portal client, loaded at
 * start-up when the demo is enabled, and any number of generated {@code esplus} accounts for load
 * tests. Everything is idempotent: existing rows are left as they are.
 */
@ApplicationScoped
public class DemoData {

    /** First generated esplus account; the fixed ones are 3300000001 and 3300000002. */
    public static final long FIRST_GENERATED = 3_300_000_003L;
    private static final int CHUNK = 10_000;
    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DemoMode demo;

    void onStart(@Observes @Priority(20) StartupEvent event) throws SQLException, IOException {
        if (demo.active()) {
            loadFixed();
        }
    }

    public void loadFixed() throws SQLException, IOException {
        String script;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/fixed-accounts.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection conn = dataSource.getConnection(); Statement st = conn.createStatement()) {
            st.execute(script);
        }
        LOG.info("Demo data: fixed demo accounts and the demo portal client are loaded");
    }

    /**
     * Ensures {@code count} generated esplus accounts exist (3300000003 onwards), each with a
     * single-rate 6-digit meter {@code E-<account>} (register T1), in bulk chunks with a progress line.
     */
    public void loadGenerated(long count, PrintStream progress) throws SQLException {
        String sql = """
                WITH a AS (
                    INSERT INTO account (supplier, number, holder, address)
                    SELECT 'esplus', (? + g)::text, 'Subscriber ' || (? + g), 'Krasnoyarsk, generated ' || g
                    FROM generate_series(?, ?) AS g
                    ON CONFLICT (supplier, number) DO NOTHING
                    RETURNING id, number),
                m AS (
                    INSERT INTO meter (account_id, code, service, digits)
                    SELECT id, 'E-' || number, 'electricity', 6 FROM a
                    RETURNING id)
                INSERT INTO meter_register (meter_id, register, last_value, usual_consumption)
                SELECT id, 'T1', 1000, 250 FROM m""";
        long created = 0;
        try (Connection conn = dataSource.getConnection(); PreparedStatement st = conn.prepareStatement(sql)) {
            for (long from = 0; from < count; from += CHUNK) {
                long to = Math.min(count, from + CHUNK) - 1;
                st.setLong(1, FIRST_GENERATED);
                st.setLong(2, FIRST_GENERATED);
                st.setLong(3, from);
                st.setLong(4, to);
                created += st.executeUpdate();
                progress.printf("\rgenerated esplus accounts: %d/%d (%d new)", to + 1, count, created);
                progress.flush();
            }
        }
        progress.printf("%ngenerated esplus accounts %d..%d are loaded (%d new)%n", FIRST_GENERATED,
                FIRST_GENERATED + count - 1, created);
    }
}
