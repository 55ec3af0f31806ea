package io.peakgate.platform.database;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows streamed into PostgreSQL by {@code COPY ... FROM STDIN} in its text format, as they are produced: a
 * bulk upload goes into the database without ever being held in memory. The repository that owns the
 * {@code COPY} statement opens it on its JDBC connection; closing ends the copy (its rows then count in the
 * transaction, which the repository commits or rolls back).
 */
public final class CopyRows implements AutoCloseable {

    private final PGCopyOutputStream out;
    private final StringBuilder row = new StringBuilder(256);
    private boolean empty = true;

    public CopyRows(PGConnection connection, String copy) throws SQLException {
        this.out = new PGCopyOutputStream(connection, copy, 1 << 16);
    }

    /** A text column; null is SQL NULL. */
    public CopyRows text(String value) {
        separate();
        if (value == null) {
            row.append("\\N");
        } else {
            // the text format's escapes: backslash, tab and line ends would otherwise end the column or the row
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(c);
                }
            }
        }
        return this;
    }

    /** A numeric, boolean or date-time column, written as its {@code toString} (PostgreSQL reads ISO instants); null is NULL. */
    public CopyRows value(Object value) {
        separate();
        row.append(value == null ? "\\N" : value.toString());
        return this;
    }

    /** Ends the row and hands it to the copy. */
    public void end() throws IOException {
        row.append('\n');
        out.write(row.toString().getBytes(StandardCharsets.UTF_8));
        row.setLength(0);
        empty = true;
    }

    private void separate() {
        if (!empty) {
            row.append('\t');
        }
        empty = false;
    }

    /** Abandons the copy after a failure half-way (its rows are dropped; the transaction can then roll back). */
    public void cancel() throws SQLException {
        if (out.isActive()) {
            out.cancelCopy();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
