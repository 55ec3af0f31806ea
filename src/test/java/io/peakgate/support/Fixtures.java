package io.peakgate.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh accounts and meters per test, so tests never depend on each other's state. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A new esplus account (10 digits) with one meter; {@code registers} maps register to last value (null: none). */
    public static String esplusAccount(DataSource ds, String meter, int digits, long usual, Map<String, Long> registers) {
        String number = "77" + String.format("%08d", ThreadLocalRandom.current().nextLong(100_000_000L));
        account(ds, "esplus", number, meter, "electricity", digits, usual, registers);
        return number;
    }

    public static String esplusAccount(DataSource ds, String meter, long lastValue) {
        return esplusAccount(ds, meter, 6, 250, Map.of("T1", lastValue));
    }

    /** A new kyivenergo account (15 digits) with one meter. */
    public static String kyivenergoAccount(DataSource ds, String meter, String service, long lastValue, long usual) {
        String number = "9" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
        account(ds, "kyivenergo", number, meter, service, 5, usual, Map.of("T1", lastValue));
        return number;
    }

    public static void account(DataSource ds, String supplier, String number, String meter, String service, int digits,
                               long usual, Map<String, Long> registers) {
        try (Connection c = ds.getConnection()) {
            long accountId;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO account (supplier, number, holder, address) VALUES (?, ?, 'Test', 'Test street') RETURNING id")) {
                st.setString(1, supplier);
                st.setString(2, number);
                accountId = single(st);
            }
            long meterId;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO meter (account_id, code, service, digits) VALUES (?, ?, ?, ?) RETURNING id")) {
                st.setLong(1, accountId);
                st.setString(2, meter);
                st.setString(3, service);
                st.setInt(4, digits);
                meterId = single(st);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO meter_register (meter_id, register, last_value, usual_consumption) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Long> r : new LinkedHashMap<>(registers).entrySet()) {
                    st.setLong(1, meterId);
                    st.setString(2, r.getKey());
                    st.setObject(3, r.getValue());
                    st.setLong(4, usual);
                    st.addBatch();
                }
                st.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payment waiting for the payer at {@code provider} (as if started there), for callback tests. */
    public static Map<String, Object> waitingPayment(DataSource ds, String supplier, String account, String provider,
                                                     long amount, String currency) {
        java.util.UUID id = java.util.UUID.randomUUID();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO payment (id, supplier, account_id, account, client_id, payment_type, amount, currency, method,
                    provider, status, created_at, updated_at)
                SELECT ?, ?, a.id, a.number, 'demo-portal', 'utilities', ?, ?, 'card', ?, 'requires_action', now(), now()
                FROM account a WHERE a.supplier = ? AND a.number = ? RETURNING number""")) {
            st.setObject(1, id);
            st.setString(2, supplier);
            st.setLong(3, amount);
            st.setString(4, currency);
            st.setString(5, provider);
            st.setString(6, supplier);
            st.setString(7, account);
            return Map.of("id", id.toString(), "number", single(st));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds an API client; its key is stored hashed, like every client's. */
    public static void apiClient(DataSource ds, String id, String key, String suppliers, String scopes) {
        query(ds, """
                WITH c AS (INSERT INTO api_client (id, suppliers, scopes, demo) VALUES (?, ?, ?, false)
                           ON CONFLICT (id) DO NOTHING RETURNING id)
                INSERT INTO api_key (hash, client_id, kind) SELECT encode(sha256(?::bytea), 'hex'), id, 'secret' FROM c""",
                id, suppliers, scopes, key);
    }

    /** The first column of the first row, as a long. */
    public static long count(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Object value(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    public static java.util.List<String> strings(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            java.util.List<String> values = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long readings(DataSource ds, String supplier, String account) {
        return count(ds, "SELECT count(*) FROM reading r JOIN account a ON a.id = r.account_id WHERE a.supplier = ? AND a.number = ?",
                supplier, account);
    }

    public static Long lastValue(DataSource ds, String supplier, String account, String register) {
        Object v = value(ds, """
                SELECT r.last_value FROM meter_register r JOIN meter m ON m.id = r.meter_id JOIN account a ON a.id = m.account_id
                WHERE a.supplier = ? AND a.number = ? AND r.register = ?""", supplier, account, register);
        return v == null ? null : ((Number) v).longValue();
    }

    public static void execute(DataSource ds, String sql) {
        query(ds, sql);
    }

    public static void query(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
