package io.peakgate.accounts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.peakgate.accounts.AccountDocument;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bulk import of a supplier's accounts, holders and meters from billing (CSV or NDJSON), streamed: each line
 * is checked as it is read and handed to {@link AccountImportRepository}, which copies it into PostgreSQL and
 * applies it, so a file of ten million lines never sits in memory. The first bad line refuses the whole file
 * (422 {@code import.invalid_line} naming the line and the field) and nothing is kept. Blocking (JDBC): callers
 * run it on a worker thread.
 *
 * <p>CSV: a header row naming {@link #COLUMNS} (any order), then one row per register with the account's and the
 * meter's fields repeated on each of its rows; an account without meters is one row with the meter columns empty;
 * an account's rows are contiguous. NDJSON: one {@link AccountDocument} per line.
 */
@ApplicationScoped
public class AccountImport {

    /** The CSV header's columns. */
    public static final List<String> COLUMNS = List.of("account", "holder", "address", "last_payment_amount",
            "last_payment_at", "closed", "meter", "service", "digits", "register", "last_value", "usual_consumption");

    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_TEXT = 512;

    /** The file's format, by its content type. */
    public enum Format {
        CSV, NDJSON
    }

    @Inject
    AccountImportRepository repository;

    @Inject
    Suppliers suppliers;

    @Inject
    ObjectMapper json;

    /** Imports the file as billing's state at {@code asOf}; the summary counts accounts. */
    public AccountImportSummary importAccounts(String supplier, Instant asOf, Format format, InputStream body) {
        Rules rules = new Rules(suppliers.require(supplier), suppliers.accountFormat(supplier));
        AccountImportRepository.Counts counts = repository.importAccounts(supplier, asOf,
                staging -> {
                    if (format == Format.CSV) {
                        readCsv(body, rules, staging);
                    } else {
                        readNdjson(body, rules, staging);
                    }
                });
        return new AccountImportSummary(supplier, counts.received(), counts.created(), counts.updated(),
                counts.received() - counts.created() - counts.updated(), counts.closed());
    }

    private void readCsv(InputStream body, Rules rules, AccountImportRepository.Staging staging) throws IOException {
        try (CSVParser parser = CsvUpload.parse(body)) {
            try {
                readCsv(parser, rules, staging);
            } catch (UncheckedIOException e) {
                // Commons CSV's own failures while iterating (an unclosed quote, a byte that is not UTF-8)
                throw unreadable(parser, e.getCause().getMessage());
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // the header itself could not be read
            throw invalid(1, "body", "is not readable CSV (RFC 4180, UTF-8): " + e.getMessage());
        }
    }

    private static ProblemException unreadable(CSVParser parser, String why) {
        // the record being read when it failed (the header is line 1)
        return invalid(parser.getRecordNumber() + 2, "body", "is not readable CSV (RFC 4180, UTF-8): " + why);
    }

    private static void readCsv(CSVParser parser, Rules rules, AccountImportRepository.Staging staging) throws IOException {
        CsvAccount account = null;
        int[] at = header(CsvUpload.columns(parser));
        for (CSVRecord record : parser) {
            long line = CsvUpload.line(record);
            String[] f = new String[COLUMNS.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = CsvUpload.field(record, at[i]);
            }
            if (account == null || !account.number.equals(f[0])) {
                account = new CsvAccount(line, f);
                rules.account(line, "account", f[0]);
                rules.holder(line, "holder", f[1]);
                String address = rules.optionalText(line, "address", f[2]);
                Long amount = f[3].isEmpty() ? null : rules.whole(line, "last_payment_amount", f[3]);
                Instant paidAt = f[4].isEmpty() ? null : rules.instant(line, "last_payment_at", f[4]);
                rules.lastPayment(line, "last_payment_amount", amount, paidAt);
                boolean closed = switch (f[5]) {
                    case "", "false" -> false;
                    case "true" -> true;
                    default -> throw invalid(line, "closed", "must be true, false or empty");
                };
                staging.account(line, f[0], f[1], address, amount, paidAt, closed);
            } else {
                account.repeats(line, f);
            }
            account.meterRow(line, f, rules, staging);
        }
    }

    private static int[] header(Map<String, Integer> columns) {
        for (String name : columns.keySet()) {
            if (!COLUMNS.contains(name)) {
                throw invalid(1, name, "is not a column of the account import; the columns are " + String.join(",", COLUMNS));
            }
        }
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            Integer index = columns.get(COLUMNS.get(i));
            if (index == null) {
                throw invalid(1, COLUMNS.get(i), "is missing from the header; the columns are " + String.join(",", COLUMNS));
            }
            at[i] = index;
        }
        return at;
    }

    /** The rows of one account so far: its first row's fields, which every later row repeats, and its meters. */
    private static final class CsvAccount {

        final long firstLine;
        final String number;
        final String[] first;
        final Set<String> meters = new HashSet<>();
        final Set<String> registers = new HashSet<>();
        String meter;
        String[] meterFirst;
        long meterLine;
        boolean meterless;

        CsvAccount(long line, String[] fields) {
            this.firstLine = line;
            this.number = fields[0];
            this.first = fields;
        }

        void repeats(long line, String[] f) {
            for (int i = 1; i <= 5; i++) {
                if (!first[i].equals(f[i])) {
                    throw invalid(line, COLUMNS.get(i), "differs from the account's first line (" + firstLine
                            + "): an account's fields are repeated as they are on each of its lines");
                }
            }
            if (meterless) {
                throw invalid(line, "meter", "the account's line " + firstLine + " has no meter: an account without "
                        + "meters is one line");
            }
        }

        void meterRow(long line, String[] f, Rules rules, AccountImportRepository.Staging staging) throws IOException {
            boolean empty = f[6].isEmpty() && f[7].isEmpty() && f[8].isEmpty() && f[9].isEmpty() && f[10].isEmpty()
                    && f[11].isEmpty();
            if (empty) {
                if (line != firstLine) {
                    throw invalid(line, "meter", "is required: the account has meters on other lines");
                }
                meterless = true;
                return;
            }
            if (f[6].isEmpty()) {
                throw invalid(line, "meter", "is required when a register is given");
            }
            if (!f[6].equals(meter)) {
                rules.meterCode(line, "meter", f[6]);
                if (!meters.add(f[6])) {
                    throw invalid(line, "meter", "is listed a second time for the account (a meter's lines must be "
                            + "contiguous)");
                }
                rules.service(line, "service", f[7]);
                int digits = rules.digits(line, "digits", f[8].isEmpty() ? null : rules.whole(line, "digits", f[8]));
                meter = f[6];
                meterFirst = f;
                meterLine = line;
                registers.clear();
                staging.meter(line, number, meter, f[7], digits);
            } else if (!meterFirst[7].equals(f[7]) || !meterFirst[8].equals(f[8])) {
                throw invalid(line, meterFirst[7].equals(f[7]) ? "digits" : "service", "differs from the meter's first "
                        + "line (" + meterLine + ")");
            }
            int digits = Integer.parseInt(meterFirst[8]);
            rules.registerCode(line, "register", f[9]);
            if (!registers.add(f[9])) {
                throw invalid(line, "register", "is listed a second time for meter " + meter);
            }
            Long last = f[10].isEmpty() ? null : rules.value(line, "last_value", rules.whole(line, "last_value", f[10]), digits);
            long usual = f[11].isEmpty() ? 0 : rules.whole(line, "usual_consumption", f[11]);
            staging.register(line, number, meter, f[9], last, usual);
        }
    }

    private void readNdjson(InputStream body, Rules rules, AccountImportRepository.Staging staging) throws IOException {
        ObjectReader reader = json.readerFor(AccountDocument.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        long line = 0;
        try (MappingIterator<AccountDocument> documents = reader.readValues(body)) {
            while (documents.hasNextValue()) {
                long start = documents.getParser().currentTokenLocation().getLineNr();
                if (start == line) {
                    throw invalid(line, "account", "follows another account on the same line: one account per line");
                }
                line = start;
                AccountDocument document = documents.nextValue();
                if (document == null) {
                    throw invalid(line, "account", "is required: each line is one account (a JSON object)");
                }
                document(line, document, rules, staging);
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) : "account";
            throw invalid(at, field, "is not valid here: " + e.getOriginalMessage());
        }
    }

    private static void document(long line, AccountDocument d, Rules rules, AccountImportRepository.Staging staging)
            throws IOException {
        rules.account(line, "account", d.account());
        rules.holder(line, "holder", d.holder());
        String address = d.address() == null ? null : rules.optionalText(line, "address", d.address());
        Long amount = d.lastPayment() == null ? null : d.lastPayment().amount();
        Instant paidAt = d.lastPayment() == null ? null : d.lastPayment().at();
        if (d.lastPayment() != null && (amount == null || paidAt == null)) {
            throw invalid(line, amount == null ? "lastPayment.amount" : "lastPayment.at", "is required in lastPayment");
        }
        rules.lastPayment(line, "lastPayment.amount", amount, paidAt);
        staging.account(line, d.account(), d.holder(), address, amount, paidAt, Boolean.TRUE.equals(d.closed()));
        Set<String> meters = new HashSet<>();
        List<AccountDocument.Meter> list = d.meters() == null ? List.of() : d.meters();
        for (int i = 0; i < list.size(); i++) {
            AccountDocument.Meter m = list.get(i);
            String at = "meters[" + i + "]";
            if (m == null) {
                throw invalid(line, at, "must be a meter");
            }
            rules.meterCode(line, at + ".meter", m.meter());
            if (!meters.add(m.meter())) {
                throw invalid(line, at + ".meter", "is listed a second time for the account");
            }
            rules.service(line, at + ".service", m.service());
            int digits = rules.digits(line, at + ".digits", m.digits() == null ? null : m.digits().longValue());
            if (m.registers() == null || m.registers().isEmpty()) {
                throw invalid(line, at + ".registers", "must list at least one register");
            }
            staging.meter(line, d.account(), m.meter(), m.service(), digits);
            Set<String> registers = new HashSet<>();
            for (int j = 0; j < m.registers().size(); j++) {
                AccountDocument.Register r = m.registers().get(j);
                String rat = at + ".registers[" + j + "]";
                if (r == null) {
                    throw invalid(line, rat, "must be a register");
                }
                rules.registerCode(line, rat + ".register", r.register());
                if (!registers.add(r.register())) {
                    throw invalid(line, rat + ".register", "is listed a second time for the meter");
                }
                Long last = r.lastValue() == null ? null : rules.value(line, rat + ".lastValue", r.lastValue(), digits);
                long usual = r.usualConsumption() == null ? 0 : rules.nonNegative(line, rat + ".usualConsumption",
                        r.usualConsumption());
                staging.register(line, d.account(), m.meter(), r.register(), last, usual);
            }
        }
    }

    /** A JSON path as errors[] names fields elsewhere: {@code meters[0].digits}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "account" : path.toString();
    }

    /** The checks of one line's values, the same for both formats. */
    private record Rules(SuppliersConfig.Supplier supplier, Pattern accountFormat) {

        void account(long line, String field, String number) {
            if (number == null || number.isEmpty()) {
                throw invalid(line, field, "is required");
            }
            if (!accountFormat.matcher(number).matches()) {
                throw invalid(line, field, "does not match the supplier's account format " + accountFormat.pattern());
            }
        }

        void holder(long line, String field, String holder) {
            if (holder == null || holder.isBlank()) {
                throw invalid(line, field, "is required (the holder's surname, for verification)");
            }
            optionalText(line, field, holder);
        }

        String optionalText(long line, String field, String text) {
            if (text.length() > MAX_TEXT || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw invalid(line, field, "must be at most " + MAX_TEXT + " printable characters");
            }
            return text.isEmpty() ? null : text;
        }

        void lastPayment(long line, String field, Long amount, Instant at) {
            if ((amount == null) != (at == null)) {
                throw invalid(line, amount == null ? field : field.replace("amount", "at"),
                        "the last payment's amount and time go together");
            }
            if (amount != null && amount <= 0) {
                throw invalid(line, field, "must be a positive amount in minor units");
            }
        }

        long whole(long line, String field, String text) {
            if (!WHOLE.matcher(text).matches()) {
                throw invalid(line, field, "must be a whole number (minor units for amounts)");
            }
            return Long.parseLong(text);
        }

        Instant instant(long line, String field, String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(line, field, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
            }
        }

        void meterCode(long line, String field, String code) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw invalid(line, field, "must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
        }

        void registerCode(long line, String field, String code) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw invalid(line, field, "is required: 1 to 64 letters, digits, '.', '_' or '-' (T1, T2)");
            }
        }

        void service(long line, String field, String service) {
            if (service == null || !SERVICE.matcher(service).matches()) {
                throw invalid(line, field, "is required: a service name such as electricity or hot-water");
            }
            // a supplier with tariffs bills only the services it has tariffs for
            if (!supplier.tariffs().isEmpty() && !supplier.tariffs().containsKey(service)) {
                throw invalid(line, field, "is not a service of this supplier (" + String.join(", ",
                        supplier.tariffs().keySet().stream().sorted().toList()) + ")");
            }
        }

        int digits(long line, String field, Long digits) {
            if (digits == null || digits < 1 || digits > 12) {
                throw invalid(line, field, "must be the meter's digit capacity, 1 to 12");
            }
            return digits.intValue();
        }

        long value(long line, String field, long value, int digits) {
            if (value < 0 || value >= pow10(digits)) {
                throw invalid(line, field, "must be at least 0 and below 10^" + digits + " (the meter's capacity)");
            }
            return value;
        }

        long nonNegative(long line, String field, long value) {
            if (value < 0) {
                throw invalid(line, field, "must be at least 0");
            }
            return value;
        }

        private static long pow10(int digits) {
            long p = 1;
            for (int i = 0; i < digits; i++) {
                p *= 10;
            }
            return p;
        }
    }

    private static ProblemException invalid(long line, String field, String message) {
        return InvalidLine.of(ErrorCode.IMPORT_INVALID_LINE, line, field, message);
    }
}
