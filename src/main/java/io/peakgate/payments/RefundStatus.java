package io.peakgate.payments;

/** Where a refund stands (the {@code status} of a refund in the API and in the {@code refund} table). */
public enum RefundStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
