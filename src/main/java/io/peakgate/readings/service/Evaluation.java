package io.peakgate.readings.service;

import io.peakgate.readings.Warning;
import io.peakgate.readings.RegisterLine;
import java.time.YearMonth;
import java.util.List;

/** The outcome of applying the reading rules: what would be stored and shown. */
public record Evaluation(YearMonth period, boolean late, List<RegisterLine> lines, Long estimatedCharge,
                         boolean needsReview, List<Warning> warnings) {
}
