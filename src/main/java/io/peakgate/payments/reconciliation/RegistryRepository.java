package io.peakgate.payments.reconciliation;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.platform.database.CopyRows;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * SQL of a registry import, on JDBC because the lines go in by {@code COPY ... FROM STDIN} (the only JDBC
 * path of the application: the reactive client has no COPY). One transaction replaces a provider's day: its
 * earlier lines and findings are deleted, the new lines copied, the registry row written, the lines matched
 * and the findings filed; or nothing at all changes. Blocking: callers run on a worker thread.
 *
 * <p>Matching is by provider reference, in SQL; every discrepancy becomes a reconciliation item (a
 * {@code needs_review} item; the payment, when there is one, is flagged too):
 * <ul>
 *   <li>{@code missing_ours}: the provider settled a reference the gateway has no captured payment for;</li>
 *   <li>{@code amount_mismatch}: both have it, with different amounts or currencies;</li>
 *   <li>{@code missing_theirs}: a payment the gateway saw succeed that day (UTC) is not in the registry.</li>
 * </ul>
 */
@ApplicationScoped
class RegistryRepository {

    /** Statuses of a payment whose money was captured. */
    static final String CAPTURED = PaymentStatus.capturedSql();

    private static final String COPY =
            "COPY settlement_line (provider, registry_date, line_no, provider_ref, amount, currency) FROM STDIN";

    private static final String REGISTRY = """
            INSERT INTO settlement_registry (provider, registry_date, lines, total, sha256, imported_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (provider, registry_date) DO UPDATE SET lines = excluded.lines, total = excluded.total,
                sha256 = excluded.sha256, imported_at = excluded.imported_at""";

    private static final String REGISTRY_SIDE = """
            INSERT INTO reconciliation_item (payment_id, provider, kind, details, registry_date, provider_ref)
            SELECT p.id, ?, CASE WHEN p.id IS NULL OR p.status NOT IN %s THEN 'missing_ours' ELSE 'amount_mismatch' END,
                   jsonb_strip_nulls(jsonb_build_object(
                       'registry', jsonb_build_object('value', l.amount, 'currency', l.currency, 'lines', l.lines),
                       'ours', CASE WHEN p.id IS NULL THEN NULL
                               ELSE jsonb_build_object('value', p.amount, 'currency', p.currency, 'status', p.status) END)),
                   ?, l.provider_ref
            FROM (SELECT provider_ref, sum(amount) AS amount, min(currency) AS currency, count(*) AS lines
                  FROM settlement_line WHERE provider = ? AND registry_date = ? GROUP BY provider_ref) l
            LEFT JOIN payment p ON p.provider = ? AND p.provider_ref = l.provider_ref
            WHERE p.id IS NULL OR p.status NOT IN %s OR p.amount <> l.amount OR p.currency <> l.currency
            """.formatted(CAPTURED, CAPTURED);

    private static final String OUR_SIDE = """
            INSERT INTO reconciliation_item (payment_id, provider, kind, details, registry_date, provider_ref)
            SELECT p.id, ?, 'missing_theirs',
                   jsonb_build_object('ours', jsonb_build_object('value', p.amount, 'currency', p.currency,
                                      'status', p.status, 'succeededAt', p.succeeded_at)),
                   ?, p.provider_ref
            FROM payment p
            WHERE p.provider = ? AND p.status IN %s
              AND p.succeeded_at >= (?::date)::timestamp AT TIME ZONE 'UTC'
              AND p.succeeded_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
              AND NOT EXISTS (SELECT 1 FROM settlement_line l
                              WHERE l.provider = ? AND l.registry_date = ? AND l.provider_ref = p.provider_ref)
            """.formatted(CAPTURED);

    private static final String FLAG = """
            UPDATE payment SET needs_review = true
            WHERE id IN (SELECT payment_id FROM reconciliation_item
                         WHERE provider = ? AND registry_date = ? AND payment_id IS NOT NULL)""";

    @Inject
    AgroalDataSource dataSource;

    /** Takes the day's lines, already checked, as the registry is read. */
    interface Lines {
        void add(long lineNo, String reference, long amount, String currency) throws IOException;
    }

    /** Reads a registry into {@link Lines}, returning what it read. */
    @FunctionalInterface
    interface Reader {
        RegistryImport.Imported readInto(Lines lines) throws IOException;
    }

    /**
     * Replaces the provider's registry of the day by what {@code reader} reads, matches it and files the
     * findings, in one transaction; anything the reader throws rolls it all back and is thrown on.
     */
    RegistryImport.Imported replace(String provider, LocalDate day, Reader reader) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                run(conn, "DELETE FROM settlement_line WHERE provider = ? AND registry_date = ?", provider, day);
                run(conn, "DELETE FROM reconciliation_item WHERE provider = ? AND registry_date = ?", provider, day);
                RegistryImport.Imported imported = copy(conn, provider, day, reader);
                run(conn, REGISTRY, provider, day, imported.lines(), imported.total(), imported.sha256());
                run(conn, REGISTRY_SIDE, provider, day, provider, day, provider);
                run(conn, OUR_SIDE, provider, day, provider, day, day, provider, day);
                run(conn, FLAG, provider, day);
                conn.commit();
                return imported;
            } catch (RuntimeException | SQLException | IOException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("registry import failed", e);
        }
    }

    /** Streams the lines into {@code settlement_line} as they are read, in COPY's text format. */
    private static RegistryImport.Imported copy(Connection conn, String provider, LocalDate day, Reader reader)
            throws SQLException, IOException {
        try (CopyRows rows = new CopyRows(conn.unwrap(PGConnection.class), COPY)) {
            return reader.readInto((lineNo, reference, amount, currency) -> rows.text(provider).value(day).value(lineNo)
                    .text(reference).value(amount).text(currency).end());
        }
    }

    private static void run(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }
}
