package io.peakgate.idempotency;

/** Raised inside a transaction when PostgreSQL already holds a record for the key: the transaction rolls back. */
final class IdempotencyConflict extends RuntimeException {

    private final String fingerprint;
    private final StoredResponse response;

    IdempotencyConflict(String fingerprint, StoredResponse response) {
        super("idempotency key already recorded", null, false, false);
        this.fingerprint = fingerprint;
        this.response = response;
    }

    String fingerprint() {
        return fingerprint;
    }

    StoredResponse response() {
        return response;
    }
}
