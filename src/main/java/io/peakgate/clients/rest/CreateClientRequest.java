package io.peakgate.clients.rest;

import io.peakgate.clients.ClientSpec;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A new API client, as an admin sends it. */
@Schema(name = "CreateApiClient", description = "A new API client: its grants, kind and return origins")
public record CreateClientRequest(
        @Schema(required = true, description = "Lower-case letters, digits and dashes, 2 to 64 characters",
                pattern = "^[a-z0-9][a-z0-9-]{1,63}$", examples = "esplus-portal")
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String id,
        @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(required = true, description = "Suppliers it acts for: only ones the admin key holds")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> suppliers,
        @Schema(required = true, description = "Scopes it is granted, e.g. readings:write accounts:read")
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) String> scopes,
        @Schema(enumeration = {"supplier", "aggregator"}, defaultValue = "supplier",
                description = "supplier: a supplier's own portal (any account of its suppliers); aggregator: a portal "
                        + "of many suppliers (only the accounts its subscribers linked, X-Subscriber)")
        @Pattern(regexp = "supplier|aggregator") String kind,
        @Schema(description = "Origins (https://host[:port]) its payers may be sent back to after a provider's page")
        @Size(max = 20) List<@NotBlank @Size(max = 255) String> returnOrigins,
        @Schema(description = "Also make a publishable key (for its pages: tokenise a card, verify an account)")
        Boolean publishable) {

    ClientSpec spec() {
        return new ClientSpec(id, name, description, suppliers, scopes, kind,
                returnOrigins == null ? List.of() : returnOrigins, Boolean.TRUE.equals(publishable), false);
    }
}
