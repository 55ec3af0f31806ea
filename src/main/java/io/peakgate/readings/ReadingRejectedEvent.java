package io.peakgate.readings;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code io.peakgate.reading.rejected.v1} on {@code billing.readings.v1}: a reading accepted
 * earlier (implausible or late) that a person at the review desk rejected; billing bills the period as if
 * it had not arrived.
 */
public record ReadingRejectedEvent(UUID readingId, String supplier, String account, String meter, String period,
                                   String reason, OffsetDateTime rejectedAt) {

    public static final String TYPE = "io.peakgate.reading.rejected.v1";
}
