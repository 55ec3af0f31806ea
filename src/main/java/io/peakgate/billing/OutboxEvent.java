package io.peakgate.billing;

import java.util.UUID;

/**
 * An event to billing, as written to the outbox: a CloudEvents JSON envelope, where it goes, and the traceparent
 * of the work that wrote it (null when untraced).
 */
public record OutboxEvent(UUID eventId, String topic, String key, String payload, String traceparent) {
}
