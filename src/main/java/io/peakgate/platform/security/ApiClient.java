package io.peakgate.platform.security;

import java.time.OffsetDateTime;

/**
 * A portal client as authentication sees it, through one of its keys that is valid now (the clients
 * domain's {@code api_credential} view): its grants as space-separated lists.
 *
 * @param returnOrigins origins a payer may be sent back to ({@code returnUrl}), separated by spaces
 * @param suppliers     supplier codes this client may act for, separated by spaces
 * @param scopes        scope values ({@link Scope#value()}), separated by spaces
 * @param demo          demo clients are refused unless the demo is on
 * @param kind          {@code supplier} (a supplier's own portal) or {@code aggregator} (a portal of many suppliers)
 * @param publishable   whether the key is the client's publishable key (browser or app): tokenise and verify only
 * @param expiresAt     when the key stops working (a rotated-out key in its grace period), or null
 */
public record ApiClient(String id, String returnOrigins, String suppliers, String scopes, boolean demo, String kind,
                        boolean publishable, OffsetDateTime expiresAt) {
}
