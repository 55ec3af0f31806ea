package io.peakgate.idempotency;

/** A write identified by the caller's key, with a fingerprint of what was asked. */
public record IdempotentRequest(String clientId, String key, String fingerprint) {

    String redisKey() {
        return "idem:" + clientId + ":" + key;
    }
}
