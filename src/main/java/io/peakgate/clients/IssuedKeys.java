package io.peakgate.clients;

import io.peakgate.platform.security.Secret;

/**
 * Keys just made for a client, with the client as it is now. The only time a key is shown: the gateway keeps
 * its hash only. {@code publishableKey} is null unless one was made.
 */
public record IssuedKeys(ClientView client, Secret secretKey, Secret publishableKey) {
}
