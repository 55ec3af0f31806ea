package io.peakgate.review.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** Readings and payments per minute (UTC minutes, oldest first, every minute present) for an admin's suppliers. */
@Schema(name = "Activity")
public record ActivityView(OffsetDateTime from, OffsetDateTime to, List<Minute> minutes) {

    /** One minute's counts. */
    @Schema(name = "ActivityMinute")
    public record Minute(OffsetDateTime minute, long readings, long payments) {
    }
}
