package io.peakgate.platform.upload;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV upload read as it arrives (RFC 4180, Commons CSV): UTF-8 strictly (a byte that is not UTF-8 fails the
 * read instead of becoming a replacement character), a header row naming the columns, fields trimmed, empty
 * lines skipped. Line numbers count the header as line 1, as a spreadsheet shows them.
 */
public final class CsvUpload {

    private CsvUpload() {
    }

    /** The records of {@code body}, parsed lazily while they are iterated. */
    public static CSVParser parse(InputStream body) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return CSVParser.parse(new BufferedReader(new InputStreamReader(body, utf8), 1 << 16), format);
    }

    /** The header's columns by lower-case name (a spreadsheet's byte-order mark is not part of the first name). */
    public static Map<String, Integer> columns(CSVParser parser) {
        Map<String, Integer> found = new HashMap<>();
        if (parser.getHeaderMap() == null) {
            return found;
        }
        parser.getHeaderMap().forEach((name, index) -> found.put(name.replace("\uFEFF", "").trim()
                .toLowerCase(Locale.ROOT), index));
        return found;
    }

    /** The record's field at {@code index}; a short record's missing fields are empty. */
    public static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index) : "";
    }

    /** The record's line (the header is line 1). */
    public static long line(CSVRecord record) {
        return record.getRecordNumber() + 1;
    }
}
