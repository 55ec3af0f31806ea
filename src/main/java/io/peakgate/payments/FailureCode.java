package io.peakgate.payments;

import java.util.Optional;

/**
 * Why a provider failed a payment: the gateway's own failure codes, each written by its {@link #wire()}
 * string (the {@code failureCode} of the API, the {@code failure_code} column). A provider's own decline
 * code passed through with its prefix ({@code tbank_<ErrorCode>}, {@code liqpay_<err_code>}) is none of
 * these and stays a string.
 */
public enum FailureCode {
    /** The provider could not be reached or did not answer in time (a soft decline for autopay). */
    PROVIDER_UNAVAILABLE("provider_unavailable"),
    /** The account behind the card is short (a soft decline for autopay). */
    INSUFFICIENT_FUNDS("insufficient_funds"),
    /** Expired before the provider decided (a soft decline for autopay). */
    EXPIRED("expired"),
    /** The issuer declined the card. */
    CARD_DECLINED("card_declined"),
    /** The payer did not pass the 3-D Secure challenge. */
    THREE_DS_FAILED("3ds_failed"),
    /** The payer declined in the wallet. */
    WALLET_DECLINED("wallet_declined"),
    /** The sandbox's stale failure sent after a success (out-of-order delivery). */
    LATE_FAILURE("late_failure"),
    /** Test-mode money for a supplier not configured for testing. */
    TEST_MODE_REFUSED("test_mode_refused");

    private final String wire;

    FailureCode(String wire) {
        this.wire = wire;
    }

    /** The code as the API shows it and the database keeps it. */
    public String wire() {
        return wire;
    }

    /** The code written {@code wire}, if it is one of the gateway's own (not a provider's passed-through code). */
    public static Optional<FailureCode> fromWire(String wire) {
        for (FailureCode code : values()) {
            if (code.wire.equals(wire)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
