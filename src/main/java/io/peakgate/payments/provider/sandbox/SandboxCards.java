package io.peakgate.payments.provider.sandbox;

import io.peakgate.payments.FailureCode;

import java.util.Map;

/**
 * The sandbox's test cards (README lists them). Every card goes through the 3-D Secure challenge;
 * with code 111111 the outcome is the card's, any other code fails the challenge.
 */
final class SandboxCards {

    /** What the issuer does once the challenge is passed. */
    enum Outcome {
        SUCCEED(null),
        DECLINE(FailureCode.CARD_DECLINED),
        INSUFFICIENT_FUNDS(FailureCode.INSUFFICIENT_FUNDS);

        final FailureCode failure;

        Outcome(FailureCode failure) {
            this.failure = failure;
        }
    }

    static final String CHALLENGE_CODE = "111111";

    private static final Map<String, Outcome> CARDS = Map.of(
            "4111111111111111", Outcome.SUCCEED,
            "5555555555554444", Outcome.SUCCEED,
            "2200000000000004", Outcome.SUCCEED,
            "4000000000000002", Outcome.DECLINE,
            "5105105105105100", Outcome.DECLINE,
            "2200000000000012", Outcome.DECLINE,
            "4000000000009995", Outcome.INSUFFICIENT_FUNDS,
            "5555555555551119", Outcome.INSUFFICIENT_FUNDS,
            "2200000000000020", Outcome.INSUFFICIENT_FUNDS);

    private SandboxCards() {
    }

    /**
     * A repeat charge of a saved card (no payer present): the card's outcome, except that an amount
     * ending in 51 minor units finds the account short (insufficient_funds), so a soft decline of a
     * card that was saved successfully can be tried.
     */
    static Outcome repeatOutcome(String digits, long amount) {
        return amount % 100 == 51 ? Outcome.INSUFFICIENT_FUNDS : outcome(digits);
    }

    /** Cards not in the table are declined, as an issuer would decline an unknown card. */
    static Outcome outcome(String digits) {
        return CARDS.getOrDefault(digits, Outcome.DECLINE);
    }
}
