package io.peakgate.accounts;

/**
 * A record of {@code billing.accounts.v1} the gateway cannot apply (it does not parse or validate); its
 * message is the reason the dead-letter record carries. No stack trace: it is an answer, not a fault.
 */
class UnreadableAccountEvent extends RuntimeException {

    UnreadableAccountEvent(String reason) {
        super(reason, null, false, false);
    }
}
