package io.peakgate.payments;

/** What became of a verified provider notification, as the callback inbox records it. */
public enum NotificationOutcome {
    /** A legal step: the payment moved. */
    APPLIED("applied"),
    /** The payment moved, and a person must look at it (a late success for an expired payment). */
    APPLIED_FOR_REVIEW("applied_needs_review"),
    /** Nothing moved; the payment is flagged and a reconciliation item filed. */
    NEEDS_REVIEW("needs_review"),
    /** The payment is already in that state. */
    DUPLICATE("duplicate"),
    /** Reordered or late: no step forward from the payment's state. */
    STALE("stale"),
    /** No payment of this gateway has that reference. */
    UNKNOWN_PAYMENT("unknown_payment");

    private final String wire;

    NotificationOutcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the payment (and so the account's balance) changed. */
    public boolean moved() {
        return this == APPLIED || this == APPLIED_FOR_REVIEW;
    }
}
