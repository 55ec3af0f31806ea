package io.peakgate.accounts.service;

import io.agroal.api.AgroalDataSource;
import io.peakgate.platform.database.CopyRows;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.upload.InvalidLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * SQL of the bulk account import, on JDBC because the lines go in by {@code COPY ... FROM STDIN} (the reactive
 * client has no COPY). One transaction for the whole file: the lines are copied into a staging table and applied
 * chunk by chunk as they arrive, with set-based statements whose {@code IS DISTINCT FROM} guards touch only what
 * differs (re-importing a file changes no row, and locks none), and a bad line anywhere rolls all of it back.
 * Imports of one supplier run one at a time (an advisory lock). Blocking: callers run on a worker thread.
 *
 * <p>What is applied to an account, only when the import's as-of time is not before the account's
 * {@code billing_as_of}: holder, address, last payment and closure; its meters (those listed are all it has: one
 * not listed is marked removed, a listed one that was removed comes back) and their registers (unlisted ones are
 * deleted); a register's last value only when the gateway accepted no reading of it after the as-of time; its
 * usual consumption always. A change stamps the account with the as-of time and {@code updated_at}.
 */
@ApplicationScoped
class AccountImportRepository {

    /**
     * Staging: one row per account ({@code a}), meter ({@code m}) and register ({@code r}), each with its line.
     * A chunk is a few thousand accounts against tables of millions, so every join must be an index look-up per
     * staged row: hash and merge joins are off for the transaction, and the tables' statistics are refreshed
     * whenever the import has doubled them (see {@link #ANALYZE}).
     */
    private static final String STAGING = """
            CREATE TEMP TABLE import_line (line bigint NOT NULL, kind char(1) NOT NULL, number text NOT NULL,
                holder text, address text, last_payment_amount bigint, last_payment_at timestamptz, closed boolean,
                meter text, service text, digits smallint, register text, last_value bigint, usual_consumption bigint)
                ON COMMIT DROP;
            CREATE INDEX ON import_line (number, meter, register);
            CREATE TEMP TABLE import_seen (number text PRIMARY KEY) ON COMMIT DROP;
            CREATE TEMP TABLE import_target (account_id bigint PRIMARY KEY, number text NOT NULL UNIQUE) ON COMMIT DROP;
            CREATE TEMP TABLE import_changed (account_id bigint NOT NULL, created boolean NOT NULL) ON COMMIT DROP;
            SET LOCAL enable_hashjoin = off;
            SET LOCAL enable_mergejoin = off""";

    private static final String COPY = """
            COPY import_line (line, kind, number, holder, address, last_payment_amount, last_payment_at, closed,
                meter, service, digits, register, last_value, usual_consumption) FROM STDIN""";

    /** The first line of an account listed a second time: in this chunk, or in an earlier one. */
    private static final String DUPLICATE = """
            SELECT min(line) FROM (
                SELECT line, row_number() OVER (PARTITION BY number ORDER BY line) AS nth FROM import_line WHERE kind = 'a'
            ) l WHERE nth > 1
            UNION ALL
            SELECT min(l.line) FROM import_line l JOIN import_seen s ON s.number = l.number WHERE l.kind = 'a'""";

    private static final String SEEN = "INSERT INTO import_seen SELECT number FROM import_line WHERE kind = 'a'";

    /** Accounts the chunk will close: closed in the file, open (or new) here, and not newer here than the import. */
    private static final String CLOSING = """
            SELECT count(*) FROM import_line l LEFT JOIN account a ON a.supplier = ? AND a.number = l.number
            WHERE l.kind = 'a' AND l.closed
              AND (a.id IS NULL OR a.closed_at IS NULL AND (a.billing_as_of IS NULL OR a.billing_as_of <= ?))""";

    private static final String UPDATE_ACCOUNTS = """
            WITH changed AS (
                UPDATE account a SET holder = l.holder, address = l.address, last_payment_amount = l.last_payment_amount,
                    last_payment_at = l.last_payment_at,
                    closed_at = CASE WHEN l.closed THEN coalesce(a.closed_at, ?) END,
                    billing_as_of = ?, updated_at = now()
                FROM import_line l
                WHERE l.kind = 'a' AND a.supplier = ? AND a.number = l.number
                  AND (a.billing_as_of IS NULL OR a.billing_as_of <= ?)
                  AND (a.holder, a.address, a.last_payment_amount, a.last_payment_at, a.closed_at IS NOT NULL)
                      IS DISTINCT FROM (l.holder, l.address, l.last_payment_amount, l.last_payment_at, l.closed)
                RETURNING a.id)
            INSERT INTO import_changed SELECT id, false FROM changed""";

    private static final String INSERT_ACCOUNTS = """
            WITH created AS (
                INSERT INTO account (supplier, number, holder, address, last_payment_amount, last_payment_at, closed_at,
                                     billing_as_of)
                SELECT ?, l.number, l.holder, l.address, l.last_payment_amount, l.last_payment_at,
                       CASE WHEN l.closed THEN ?::timestamptz END, ?
                FROM import_line l
                WHERE l.kind = 'a' AND NOT EXISTS (SELECT 1 FROM account a WHERE a.supplier = ? AND a.number = l.number)
                ON CONFLICT (supplier, number) DO NOTHING
                RETURNING id)
            INSERT INTO import_changed SELECT id, true FROM created""";

    /** The chunk's accounts the import applies to (billing's time for them is not later than the import's). */
    private static final String TARGETS = """
            INSERT INTO import_target (account_id, number)
            SELECT a.id, l.number FROM import_line l JOIN account a ON a.supplier = ? AND a.number = l.number
            WHERE l.kind = 'a' AND (a.billing_as_of IS NULL OR a.billing_as_of <= ?)""";

    private static final String UPDATE_METERS = """
            WITH changed AS (
                UPDATE meter m SET service = l.service, digits = l.digits, removed_at = NULL
                FROM import_line l JOIN import_target t ON t.number = l.number
                WHERE l.kind = 'm' AND m.account_id = t.account_id AND m.code = l.meter
                  AND (m.service, m.digits, m.removed_at IS NULL) IS DISTINCT FROM (l.service, l.digits, true)
                RETURNING m.account_id)
            INSERT INTO import_changed SELECT account_id, false FROM changed""";

    private static final String INSERT_METERS = """
            WITH created AS (
                INSERT INTO meter (account_id, code, service, digits)
                SELECT t.account_id, l.meter, l.service, l.digits
                FROM import_line l JOIN import_target t ON t.number = l.number
                WHERE l.kind = 'm' AND NOT EXISTS (SELECT 1 FROM meter m WHERE m.account_id = t.account_id AND m.code = l.meter)
                ON CONFLICT (account_id, code) DO NOTHING
                RETURNING account_id)
            INSERT INTO import_changed SELECT account_id, false FROM created""";

    private static final String REMOVE_METERS = """
            WITH removed AS (
                UPDATE meter m SET removed_at = ?
                FROM import_target t
                WHERE m.account_id = t.account_id AND m.removed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM import_line l WHERE l.kind = 'm' AND l.number = t.number AND l.meter = m.code)
                RETURNING m.account_id)
            INSERT INTO import_changed SELECT account_id, false FROM removed""";

    /** A register's value stands when the gateway accepted a reading of it after the import's as-of time. */
    private static final String UPDATE_REGISTERS = """
            WITH changed AS (
                UPDATE meter_register r
                SET last_value = CASE WHEN l.last_value IS NOT NULL AND (r.last_reading_at IS NULL OR r.last_reading_at <= ?)
                                      THEN l.last_value ELSE r.last_value END,
                    usual_consumption = l.usual_consumption
                FROM import_line l JOIN import_target t ON t.number = l.number
                     JOIN meter m ON m.account_id = t.account_id AND m.code = l.meter
                WHERE l.kind = 'r' AND r.meter_id = m.id AND r.register = l.register
                  AND (r.usual_consumption IS DISTINCT FROM l.usual_consumption
                       OR l.last_value IS NOT NULL AND r.last_value IS DISTINCT FROM l.last_value
                          AND (r.last_reading_at IS NULL OR r.last_reading_at <= ?))
                RETURNING m.account_id)
            INSERT INTO import_changed SELECT account_id, false FROM changed""";

    private static final String INSERT_REGISTERS = """
            WITH created AS (
                INSERT INTO meter_register (meter_id, register, last_value, usual_consumption)
                SELECT m.id, l.register, l.last_value, l.usual_consumption
                FROM import_line l JOIN import_target t ON t.number = l.number
                     JOIN meter m ON m.account_id = t.account_id AND m.code = l.meter
                WHERE l.kind = 'r'
                  AND NOT EXISTS (SELECT 1 FROM meter_register r WHERE r.meter_id = m.id AND r.register = l.register)
                ON CONFLICT (meter_id, register) DO NOTHING
                RETURNING meter_id)
            INSERT INTO import_changed SELECT m.account_id, false FROM created c JOIN meter m ON m.id = c.meter_id""";

    /** Registers of a listed meter that the file does not list for it. */
    private static final String DELETE_REGISTERS = """
            WITH deleted AS (
                DELETE FROM meter_register r
                USING import_line l JOIN import_target t ON t.number = l.number
                      JOIN meter m ON m.account_id = t.account_id AND m.code = l.meter
                WHERE l.kind = 'm' AND r.meter_id = m.id
                  AND NOT EXISTS (SELECT 1 FROM import_line g WHERE g.kind = 'r' AND g.number = l.number
                                  AND g.meter = l.meter AND g.register = r.register)
                RETURNING m.account_id)
            INSERT INTO import_changed SELECT account_id, false FROM deleted""";

    /** Accounts changed only in their meters or registers are stamped too (billing's time, updated_at). */
    private static final String STAMP = """
            UPDATE account a SET billing_as_of = ?, updated_at = now()
            FROM (SELECT DISTINCT account_id FROM import_changed) c
            WHERE a.id = c.account_id AND a.billing_as_of IS DISTINCT FROM ?""";

    private static final String TALLY = """
            SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created)
            FROM (SELECT account_id, bool_or(created) AS created FROM import_changed GROUP BY account_id) c""";

    /**
     * The planner must know how large the tables are: with statistics that lag behind the import's own rows
     * (uncommitted, so autovacuum cannot see them; and this machine runs without autovacuum) it took the account
     * table for a few thousand rows and drove each chunk's joins from it, reading every account once per chunk:
     * measured at a million accounts, 1-1.5 s per statement per chunk, an import growing with the square of its size.
     */
    private static final String ANALYZE = "ANALYZE account, meter, meter_register";

    private static final String NEXT_CHUNK = "TRUNCATE import_line, import_target, import_changed";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountImportConfig config;

    /** Takes the file's accounts, meters and registers, already checked, as it is read. */
    interface Staging {

        /** An account; its meters and registers follow before the next account. */
        void account(long line, String number, String holder, String address, Long lastPaymentAmount,
                     Instant lastPaymentAt, boolean closed) throws IOException;

        void meter(long line, String number, String meter, String service, int digits) throws IOException;

        void register(long line, String number, String meter, String register, Long lastValue, long usualConsumption)
                throws IOException;
    }

    /** Reads the file into {@link Staging}. */
    @FunctionalInterface
    interface Reader {
        void readInto(Staging staging) throws IOException;
    }

    /** What an import did, in accounts. */
    record Counts(long received, long created, long updated, long closed) {
    }

    /**
     * Applies what {@code reader} reads to the supplier's accounts as of {@code asOf}, in one transaction; anything
     * the reader throws rolls it all back and is thrown on (an earlier duplicate account is reported instead of a
     * later bad line, so the refusal always names the first bad line).
     */
    Counts importAccounts(String supplier, Instant asOf, Reader reader) {
        OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                run(conn, "SELECT pg_advisory_xact_lock(hashtext('account-import:' || ?))", supplier);
                try (Statement st = conn.createStatement()) {
                    st.execute(STAGING);
                }
                Chunks chunks = new Chunks(conn, supplier, at);
                try {
                    reader.readInto(chunks);
                    chunks.apply();
                } catch (ProblemException e) {
                    throw chunks.firstBadLine(e);
                } catch (RuntimeException | IOException e) {
                    chunks.abandon();
                    throw e;
                }
                conn.commit();
                return chunks.counts();
            } catch (RuntimeException | SQLException | IOException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("account import failed", e);
        }
    }

    /** Copies the lines into staging and applies them a chunk at a time, always at an account's first line. */
    private final class Chunks implements Staging {

        private final Connection conn;
        private final String supplier;
        private final OffsetDateTime asOf;
        private CopyRows copy;
        private long rows;
        private long received;
        private long created;
        private long updated;
        private long closed;
        private long createdSinceAnalyze;
        private long accountsAtAnalyze;

        Chunks(Connection conn, String supplier, OffsetDateTime asOf) {
            this.conn = conn;
            this.supplier = supplier;
            this.asOf = asOf;
        }

        @Override
        public void account(long line, String number, String holder, String address, Long lastPaymentAmount,
                            Instant lastPaymentAt, boolean isClosed) throws IOException {
            if (rows >= config.chunkRows()) {
                apply();
            }
            received++;
            row(line, "a", number).text(holder).text(address).value(lastPaymentAmount).value(lastPaymentAt)
                    .value(isClosed).value(null).value(null).value(null).value(null).value(null).value(null).end();
        }

        @Override
        public void meter(long line, String number, String meter, String service, int digits) throws IOException {
            row(line, "m", number).value(null).value(null).value(null).value(null).value(null)
                    .text(meter).text(service).value(digits).value(null).value(null).value(null).end();
        }

        @Override
        public void register(long line, String number, String meter, String register, Long lastValue,
                             long usualConsumption) throws IOException {
            row(line, "r", number).value(null).value(null).value(null).value(null).value(null)
                    .text(meter).value(null).value(null).text(register).value(lastValue).value(usualConsumption).end();
        }

        private CopyRows row(long line, String kind, String number) {
            try {
                if (copy == null) {
                    copy = new CopyRows(pg(conn), COPY);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start the copy", e);
            }
            rows++;
            return copy.value(line).text(kind).text(number);
        }

        /** Ends the copy of the chunk's lines (they can then be queried). */
        private void endCopy() throws IOException {
            if (copy != null) {
                copy.close();
                copy = null;
            }
        }

        /** After a failure half-way through a chunk's copy (the body broke off): the copy is dropped. */
        void abandon() throws SQLException {
            if (copy != null) {
                copy.cancel();
                copy = null;
            }
        }

        /** The line of the first account listed twice among the lines copied so far, or 0. */
        private long duplicate() throws IOException, SQLException {
            endCopy();
            return firstDuplicate(conn);
        }

        /** {@code problem}, or the refusal of an account listed twice on an earlier line (not yet checked). */
        ProblemException firstBadLine(ProblemException problem) throws IOException, SQLException {
            long duplicate = duplicate();
            return duplicate > 0 && duplicate < InvalidLine.line(problem) ? duplicated(duplicate) : problem;
        }

        /** Applies the staged chunk and empties staging for the next. */
        void apply() throws IOException {
            try {
                long duplicate = duplicate();
                if (duplicate > 0) {
                    throw duplicated(duplicate);
                }
                if (rows == 0) {
                    return;
                }
                if (accountsAtAnalyze == 0 || createdSinceAnalyze >= Math.max(10_000, accountsAtAnalyze)) {
                    run(conn, ANALYZE);
                    accountsAtAnalyze = Math.max(1, single(conn, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'account'::regclass"));
                    createdSinceAnalyze = 0;
                }
                // tiny temporary tables have no statistics: without them the planner guesses a handful of rows
                run(conn, "ANALYZE import_line");
                run(conn, SEEN);
                closed += single(conn, CLOSING, supplier, asOf);
                run(conn, UPDATE_ACCOUNTS, asOf, asOf, supplier, asOf);
                run(conn, INSERT_ACCOUNTS, supplier, asOf, asOf, supplier);
                run(conn, TARGETS, supplier, asOf);
                run(conn, UPDATE_METERS);
                run(conn, INSERT_METERS);
                run(conn, REMOVE_METERS, asOf);
                run(conn, UPDATE_REGISTERS, asOf, asOf);
                run(conn, INSERT_REGISTERS);
                run(conn, DELETE_REGISTERS);
                run(conn, STAMP, asOf, asOf);
                long[] tally = tally(conn);
                created += tally[0];
                createdSinceAnalyze += tally[0];
                updated += tally[1];
                run(conn, NEXT_CHUNK);
                rows = 0;
            } catch (SQLException e) {
                throw new IllegalStateException("applying a chunk of the account import failed", e);
            }
        }

        Counts counts() {
            return new Counts(received, created, updated, closed);
        }
    }

    private static ProblemException duplicated(long line) {
        return InvalidLine.of(ErrorCode.IMPORT_INVALID_LINE, line, "account",
                "is listed a second time (an account's lines must be contiguous, and each account listed once)");
    }

    // the chunk's own JDBC calls, here in the repository itself (SQL and JDBC only in repositories)
    private static PGConnection pg(Connection conn) throws SQLException {
        return conn.unwrap(PGConnection.class);
    }

    /** The line of the first account listed twice among the staged lines (and the earlier chunks'), or 0. */
    private static long firstDuplicate(Connection conn) throws SQLException {
        long first = 0;
        try (PreparedStatement st = conn.prepareStatement(DUPLICATE); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long line = rs.getLong(1);
                if (!rs.wasNull() && (first == 0 || line < first)) {
                    first = line;
                }
            }
        }
        return first;
    }

    /** The chunk's accounts created and updated. */
    private static long[] tally(Connection conn) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(TALLY); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static void run(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            bind(st, params);
            st.execute();
        }
    }

    private static long single(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
    }
}
