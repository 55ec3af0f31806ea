package io.peakgate.platform.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller caused or can act on; rendered as problem+json with its stable code.
 * Never carries a stack trace to the caller.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ProblemException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** Adds a machine-readable member to the problem body (e.g. {@code nextWindowOpensAt}). */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem toProblem(String instance) {
        return Problem.of(code, getMessage(), instance, errors, extensions);
    }
}
