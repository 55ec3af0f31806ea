package io.peakgate.clients.rest;

import io.peakgate.clients.ClientView;
import io.peakgate.clients.IssuedKeys;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Keys just made, shown this once (the gateway keeps only their hashes), with the client as it is now. */
@Schema(name = "IssuedApiKeys", description = "Keys just made, shown this once: the gateway keeps only their hashes")
public record IssuedKeysView(
        @Schema(required = true) ClientView client,
        @Schema(description = "The new secret key (for the client's server), e.g. pg_sk_...") String secretKey,
        @Schema(description = "The new publishable key (for its pages), e.g. pg_pk_...") String publishableKey) {

    static IssuedKeysView of(IssuedKeys keys) {
        return new IssuedKeysView(keys.client(), keys.secretKey() == null ? null : keys.secretKey().reveal(),
                keys.publishableKey() == null ? null : keys.publishableKey().reveal());
    }
}
