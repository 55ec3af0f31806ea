package io.peakgate.payments;

/**
 * Why a payment was filed for a person to look at: the {@code kind} of its reconciliation item
 * (the wire value is what the reconciliation API and the column show).
 */
public enum ReviewKind {
    /** A callback of another provider than the payment's. */
    PROVIDER_MISMATCH("provider_mismatch"),
    /** A callback signed for another supplier than the payment's. */
    SUPPLIER_MISMATCH("supplier_mismatch"),
    /** Test-mode money for a supplier not configured for testing. */
    TEST_MODE_MONEY("test_mode_money"),
    /** The provider took (or the registry shows) another amount or currency than the payment's. */
    AMOUNT_MISMATCH("amount_mismatch"),
    /** A refund of a payment that was never captured. */
    REFUND_OF_UNCAPTURED("refund_of_uncaptured"),
    /** A refund whose amount the provider did not say. */
    REFUND_AMOUNT_UNKNOWN("refund_amount_unknown"),
    /** A refund above what is left to refund. */
    REFUND_EXCEEDS_CAPTURED("refund_exceeds_captured"),
    /** The provider says all was given back; the amounts counted say not. */
    REFUND_STATUS_MISMATCH("refund_status_mismatch"),
    /** The provider's success for a payment the gateway had expired locally (applied). */
    LATE_SUCCESS("late_success"),
    /** The provider's success for a payment it had declined or canceled (not applied). */
    SUCCESS_AFTER_DECLINE("success_after_decline"),
    /** The registry settles a reference the gateway has no captured payment for. */
    MISSING_OURS("missing_ours"),
    /** A payment the gateway saw succeed that day is not in the registry. */
    MISSING_THEIRS("missing_theirs");

    private final String wire;

    ReviewKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
