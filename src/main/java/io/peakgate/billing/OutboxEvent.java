package io.peakgate.billing;

import java.util.UUID;

/** An event to billing, as written to the outbox: a CloudEvents JSON envelope and where it goes. */
public record OutboxEvent(UUID eventId, String topic, String key, String payload) {
}
