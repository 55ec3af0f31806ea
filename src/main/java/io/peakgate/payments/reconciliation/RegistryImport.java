package io.peakgate.payments.reconciliation;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.upload.CsvUpload;
import io.peakgate.platform.upload.InvalidLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
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
        long count = 0;
        long total = 0;
        try (CSVParser parser = CsvUpload.parse(body)) {
            Map<String, Integer> header = columns(parser);
            int ref = header.get("reference");
            int amount = header.get("amount");
            int currency = header.get("currency");
            for (CSVRecord record : parser) {
                long lineNo = CsvUpload.line(record);
                String r = CsvUpload.field(record, ref);
                String a = CsvUpload.field(record, amount);
                String c = CsvUpload.field(record, currency);
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
        Map<String, Integer> found = CsvUpload.columns(parser);
        for (String column : REQUIRED) {
            if (!found.containsKey(column)) {
                throw invalid(1, column, "the header must name the columns reference, amount and currency");
            }
        }
        return found;
    }

    private static ProblemException invalid(long line, String field, String message) {
        return InvalidLine.of(ErrorCode.RECONCILIATION_INVALID_LINE, line, field, message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
