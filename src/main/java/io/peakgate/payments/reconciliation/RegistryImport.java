package io.peakgate.payments.reconciliation;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports one provider's settlement registry for one day, streaming: each CSV record is checked and
 * handed straight to {@link RegistryRepository}, which copies it into PostgreSQL, so a registry of a
 * million lines never sits in memory. One transaction: the day's earlier lines and findings are
 * replaced, the new lines matched and the findings filed, or nothing at all changes (a bad line names
 * its number). Blocking (JDBC): callers run it on a worker thread.
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
    RegistryRepository registries;

    /** Lines read and their total, for the caller. */
    public record Imported(long lines, long total, String sha256) {
    }

    public Imported importRegistry(String provider, LocalDate day, InputStream body) {
        MessageDigest sha = sha256();
        InputStream digested = new DigestInputStream(body, sha);
        return registries.replace(provider, day, lines -> read(digested, sha, lines));
    }

    /** Checks each record and hands it on as it is read; a bad one stops the import (422, naming its line). */
    private Imported read(InputStream body, MessageDigest sha, RegistryRepository.Lines lines) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        long count = 0;
        long total = 0;
        try (CSVParser parser = CSVParser.parse(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8),
                1 << 16), format)) {
            Map<String, Integer> header = columns(parser);
            int ref = header.get("reference");
            int amount = header.get("amount");
            int currency = header.get("currency");
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
                count++;
                total += value;
                lines.add(lineNo, r, value, c);
            }
        } catch (UncheckedIOException e) {
            throw invalid(0, "body", "is not readable CSV: " + e.getCause().getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw invalid(0, "body", "is not readable CSV: " + e.getMessage());
        }
        return new Imported(count, total, HexFormat.of().formatHex(sha.digest()));
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
