package io.peakgate.idempotency;

/** The first response to an idempotent request, as kept for replay: status and JSON body. */
public record StoredResponse(int status, String body) {
}
