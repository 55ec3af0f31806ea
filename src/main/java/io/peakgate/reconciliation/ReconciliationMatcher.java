package io.peakgate.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Matches a day's registry against the gateway's payments by provider reference, in SQL, and files
 * every discrepancy as a reconciliation item (a {@code needs_review} item; the payment, when there
 * is one, is flagged too):
 * <ul>
 *   <li>{@code missing_ours}: the provider settled a reference the gateway has no captured payment for;</li>
 *   <li>{@code amount_mismatch}: both have it, with different amounts or currencies;</li>
 *   <li>{@code missing_theirs}: a payment the gateway saw succeed that day (UTC) is not in the registry.</li>
 * </ul>
 */
@ApplicationScoped
public class ReconciliationMatcher {

    static final String CAPTURED = "('succeeded', 'refunded', 'partially_refunded')";

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

    /** Files the day's findings; the caller's transaction has just replaced the day's lines. */
    void match(Connection conn, String provider, LocalDate day) throws SQLException {
        run(conn, REGISTRY_SIDE, provider, day, provider, day, provider);
        run(conn, OUR_SIDE, provider, day, provider, day, day, provider, day);
        run(conn, FLAG, provider, day);
    }

    private static void run(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    static List<String> kinds() {
        return List.of("missing_ours", "missing_theirs", "amount_mismatch");
    }
}
