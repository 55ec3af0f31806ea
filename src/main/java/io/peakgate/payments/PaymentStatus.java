package io.peakgate.payments;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The states of a payment's lifecycle, by their wire names. */
public enum PaymentStatus {
    CREATED("created"),
    REQUIRES_ACTION("requires_action"),
    PROCESSING("processing"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    CANCELED("canceled"),
    /** The gateway gave up waiting locally (not a provider decision): a later signed success still applies. */
    EXPIRED("expired"),
    PARTIALLY_REFUNDED("partially_refunded"),
    REFUNDED("refunded");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static PaymentStatus of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown payment status " + wire));
    }

    /** Money has been taken: the states billing counts. */
    public boolean captured() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** The captured states as an SQL list, {@code ('succeeded', ...)}, for queries that must agree with {@link #captured()}. */
    public static String capturedSql() {
        return Arrays.stream(values()).filter(PaymentStatus::captured).map(s -> "'" + s.wire + "'")
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
