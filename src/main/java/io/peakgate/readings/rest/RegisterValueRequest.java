package io.peakgate.readings.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** One register's value; a fractional value is refused or rounded by the supplier's policy. */
public record RegisterValueRequest(
        @NotBlank @Size(max = 16) String register,
        @NotNull BigDecimal value) {
}
