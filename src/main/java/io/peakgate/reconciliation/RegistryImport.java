package io.peakgate.reconciliation;

import io.agroal.api.AgroalDataSource;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports one provider's settlement registry for one day, streaming: each CSV record is checked and
 * copied straight into PostgreSQL ({@code COPY ... FROM STDIN}), so a registry of a million lines
 * never sits in memory. One transaction: the day's earlier lines and findings are replaced, the new
 * lines matched and the findings filed, or nothing at all changes (a bad line names its number).
 * Blocking (JDBC): callers run it on a worker thread.
 *
 * <p>The generic layout (a header row, comma-separated, UTF-8): {@code reference,amount,currency}
 * with optional further columns (ignored), where {@code reference} is the provider's payment
 * reference and {@code amount} is in minor units.
 */
@ApplicationScoped
public class RegistryImport {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final List<String> REQUIRED = List.of("reference", "amount", "currency");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReconciliationMatcher matcher;

    /** Lines read and their total, for the caller. */
    public record Imported(long lines, long total, String sha256) {
    }

    public Imported importRegistry(String provider, LocalDate day, InputStream body) {
        MessageDigest sha = sha256();
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                delete(conn, provider, day);
                Imported imported = copy(conn, provider, day, new DigestInputStream(body, sha), sha);
                try (PreparedStatement st = conn.prepareStatement("""
                        INSERT INTO settlement_registry (provider, registry_date, lines, total, sha256, imported_at)
                        VALUES (?, ?, ?, ?, ?, now())
                        ON CONFLICT (provider, registry_date) DO UPDATE SET lines = excluded.lines, total = excluded.total,
                            sha256 = excluded.sha256, imported_at = excluded.imported_at""")) {
                    st.setString(1, provider);
                    st.setObject(2, day);
                    st.setLong(3, imported.lines());
                    st.setLong(4, imported.total());
                    st.setString(5, imported.sha256());
                    st.executeUpdate();
                }
                matcher.match(conn, provider, day);
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

    private static void delete(Connection conn, String provider, LocalDate day) throws SQLException {
        for (String sql : List.of("DELETE FROM settlement_line WHERE provider = ? AND registry_date = ?",
                "DELETE FROM reconciliation_item WHERE provider = ? AND registry_date = ?")) {
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                st.setString(1, provider);
                st.setObject(2, day);
                st.executeUpdate();
            }
        }
    }

    private Imported copy(Connection conn, String provider, LocalDate day, InputStream body, MessageDigest sha)
            throws SQLException, IOException {
        PGConnection pg = conn.unwrap(PGConnection.class);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        long lines = 0;
        long total = 0;
        String prefix = provider + "\t" + day + "\t";
        try (CSVParser parser = CSVParser.parse(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8),
                1 << 16), format);
             OutputStream out = new PGCopyOutputStream(pg,
                     "COPY settlement_line (provider, registry_date, line_no, provider_ref, amount, currency) FROM STDIN",
                     1 << 16)) {
            Map<String, Integer> header = columns(parser);
            int ref = header.get("reference");
            int amount = header.get("amount");
            int currency = header.get("currency");
            StringBuilder row = new StringBuilder(128);
            for (CSVRecord record : parser) {
                long lineNo = record.getRecordNumber() + 1;
                String r = field(record, ref);
                String a = field(record, amount);
                String c = field(record, currency);
                if (r.isEmpty() || r.length() > 128 || r.chars().anyMatch(ch -> ch < 0x20)) {
                    throw invalid(lineNo, "reference", "must be 1 to 128 printable characters");
                }
                if (!AMOUNT.matcher(a).matches()) {
                    throw invalid(lineNo, "amount", "must be a whole number of minor units");
                }
                if (!CURRENCY.matcher(c).matches()) {
                    throw invalid(lineNo, "currency", "must be an ISO 4217 code");
                }
                long value = Long.parseLong(a);
                lines++;
                total += value;
                row.setLength(0);
                row.append(prefix).append(lineNo).append('\t').append(escape(r)).append('\t').append(value).append('\t')
                        .append(c).append('\n');
                out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw invalid(0, "body", "is not readable CSV: " + e.getCause().getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw invalid(0, "body", "is not readable CSV: " + e.getMessage());
        }
        return new Imported(lines, total, HexFormat.of().formatHex(sha.digest()));
    }

    private static Map<String, Integer> columns(CSVParser parser) {
        Map<String, Integer> found = new java.util.HashMap<>();
        // a byte-order mark (spreadsheet exports) is not part of the first column's name
        parser.getHeaderMap().forEach((name, index) -> found.put(name.replace("\uFEFF", "").trim()
                .toLowerCase(Locale.ROOT), index));
        for (String column : REQUIRED) {
            if (!found.containsKey(column)) {
                throw invalid(1, column, "the header must name the columns reference, amount and currency");
            }
        }
        return found;
    }

    private static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index) : "";
    }

    /** COPY's text format: backslash, tab and newline escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static ProblemException invalid(long line, String field, String message) {
        String where = line > 0 ? "line " + line + ": " : "";
        return new ProblemException(ErrorCode.RECONCILIATION_INVALID_LINE, where + field + " " + message,
                List.of(new FieldError(line > 0 ? "line " + line + " " + field : field, message))).with("line", line);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
