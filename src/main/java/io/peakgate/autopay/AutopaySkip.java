package io.peakgate.autopay;

/** Why a bill was not charged (the charge's {@code reason}; {@code autopay_disabled} is also a canceled payment's failure code). */
enum AutopaySkip {
    /** The account has no autopay setting (any more). */
    AUTOPAY_DISABLED("autopay_disabled"),
    /** The bill is in another currency than the setting's limit. */
    CURRENCY_MISMATCH("currency_mismatch"),
    /** The bill is above the subscriber's per-charge limit. */
    OVER_LIMIT("over_limit"),
    /** The bound card can no longer pay (removed, expired, not for this payment type). */
    CARD_UNUSABLE("card_unusable"),
    /** Billing has closed the account: it takes no payments. */
    ACCOUNT_CLOSED("account_closed");

    private final String wire;

    AutopaySkip(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
