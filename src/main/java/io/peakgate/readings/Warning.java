package io.peakgate.readings;

/** Something the subscriber should know about an accepted reading, with a stable code. */
public record Warning(String code, String message) {
}
