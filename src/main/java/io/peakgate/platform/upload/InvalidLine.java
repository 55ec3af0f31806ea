package io.peakgate.platform.upload;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;

import java.util.List;

/**
 * The refusal of an upload at its first bad line: the problem names the line ({@code line}, 1-based; 0 when the
 * body as a whole is unreadable) and, in errors[], the field and the rule it broke.
 */
public final class InvalidLine {

    private InvalidLine() {
    }

    public static ProblemException of(ErrorCode code, long line, String field, String message) {
        String where = line > 0 ? "line " + line + ": " : "";
        return new ProblemException(code, where + field + " " + message,
                List.of(new FieldError(line > 0 ? "line " + line + " " + field : field, message))).with("line", line);
    }

    /** The line a refusal made by {@link #of} names, or 0. */
    public static long line(ProblemException problem) {
        return problem.extensions().get("line") instanceof Number n ? n.longValue() : 0;
    }
}
