package io.peakgate.clients.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which key to rotate and how long the old one keeps working. */
@Schema(name = "RotateApiKey", description = "Which key to rotate and how long the old one keeps working")
public record RotateKeyRequest(
        @Schema(description = "ISO-8601 duration the current key keeps working (PT0S: not at all); the gateway's "
                + "default when absent (peakgate.clients.rotation.default-grace, 24 h), at most its maximum", examples = "PT24H")
        @Size(max = 40) String grace,
        @Schema(enumeration = {"secret", "publishable"}, defaultValue = "secret")
        @Pattern(regexp = "secret|publishable") String kind) {
}
