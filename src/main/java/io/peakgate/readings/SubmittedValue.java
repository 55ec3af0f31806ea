package io.peakgate.readings;

import java.math.BigDecimal;

/** A register value as the caller sent it, before the whole-number and capacity rules. */
public record SubmittedValue(String register, BigDecimal value) {
}
