package io.peakgate.clients;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An API client as an operator sees it: its grants and its keys, never a key itself. The times that may be
 * null are documented as plain date-time strings: a reference to the shared date-time schema cannot be null.
 */
@Schema(name = "ApiClient", description = "An API client: its grants and its keys (never a key itself)")
public record ClientView(
        @Schema(required = true) String id,
        String name,
        String description,
        @Schema(required = true) List<String> suppliers,
        @Schema(required = true) List<String> scopes,
        @Schema(required = true, enumeration = {"supplier", "aggregator"}) String kind,
        @Schema(required = true) List<String> returnOrigins,
        @Schema(required = true, description = "A demo client: refused unless the demo is on") boolean demo,
        @Schema(required = true) OffsetDateTime createdAt,
        @Schema(implementation = String.class, format = "date-time",
                description = "When the client was revoked: none of its keys works since") OffsetDateTime revokedAt,
        @Schema(required = true, description = "Its keys, newest first") List<KeyView> keys) {

    /** One of a client's keys, by its id and the start of its value; the key is never shown again. */
    @Schema(name = "ApiKey", description = "One key of a client, named by its id and the start of its value")
    public record KeyView(
            @Schema(required = true) long id,
            @Schema(required = true, enumeration = {"secret", "publishable"}) String kind,
            @Schema(description = "The key's recognisable start (e.g. pg_sk_AbCd); none for a key imported from before")
            String prefix,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(implementation = String.class, format = "date-time",
                    description = "A rotated-out key: it works until then") OffsetDateTime expiresAt,
            @Schema(implementation = String.class, format = "date-time") OffsetDateTime revokedAt) {
    }
}
