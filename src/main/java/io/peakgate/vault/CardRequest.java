package io.peakgate.vault;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Full card data as a portal sends it. The number accepts spaces and dashes; the CVC is optional
 * (tokens never keep it) and is used only for the one provider call it came with.
 */
public record CardRequest(
        @NotBlank @Size(max = 32) String number,
        @NotNull @Min(1) @Max(12) Integer expMonth,
        @NotNull @Min(0) @Max(2100) Integer expYear,
        @Pattern(regexp = "\\d{3,4}", message = "must be 3 or 4 digits") String cvc,
        @Size(max = 64) String holder) {

    @Override
    public String toString() {
        return "CardRequest[masked]";
    }
}
