package io.peakgate.readings.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Up to 1,000 readings of many accounts of one supplier. */
public record BatchRequest(
        @NotEmpty @Size(max = 1000) List<@NotNull @Valid BatchItemRequest> readings) {
}
