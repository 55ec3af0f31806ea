package io.peakgate.platform.error;

/** One invalid field of a request, named by its JSON path (e.g. {@code values[0].value}). */
public record FieldError(String field, String message) {
}
