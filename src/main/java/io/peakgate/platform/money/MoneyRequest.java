package io.peakgate.platform.money;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** An amount as a caller sends it: minor units and an ISO 4217 currency. */
public record MoneyRequest(@NotNull @Positive Long value,
                           @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
}
