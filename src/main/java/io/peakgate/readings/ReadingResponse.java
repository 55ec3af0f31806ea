package io.peakgate.readings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An accepted (or, for a dry run, checked) reading: its id and period, per register the previous
 * and current values, consumption and rollover, the estimated charge and any warnings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadingResponse(UUID id, String supplier, String account, String meter, String service, String period,
                              String status, boolean late, boolean dryRun, OffsetDateTime submittedAt,
                              List<RegisterLine> registers, Money estimatedCharge, List<Warning> warnings) {
}
