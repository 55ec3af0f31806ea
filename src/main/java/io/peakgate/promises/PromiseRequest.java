package io.peakgate.promises;

import io.peakgate.platform.money.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST .../promised-payment}: how much credit, for how many days (the supplier's maximum if absent). */
public record PromiseRequest(@NotNull @Valid MoneyRequest amount, @Min(1) @Max(365) Integer days) {
}
