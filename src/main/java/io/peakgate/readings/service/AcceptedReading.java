package io.peakgate.readings.service;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A reading that passed the rules and is written with its event in one transaction. */
public record AcceptedReading(UUID id, String supplier, MeterState meter, Evaluation evaluation, String source,
                              String clientId, OffsetDateTime submittedAt) {
}
