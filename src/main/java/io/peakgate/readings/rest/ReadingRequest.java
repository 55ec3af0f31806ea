package io.peakgate.readings.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of a single reading submission: every register of one meter. */
public record ReadingRequest(
        @NotBlank @Size(max = 64) String meter,
        @NotEmpty @Size(max = 16) List<@NotNull @Valid RegisterValueRequest> values,
        @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}", message = "must be a short lowercase word such as portal") String source,
        Boolean confirmImplausible) {
}
