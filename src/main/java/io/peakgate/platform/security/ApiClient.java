package io.peakgate.platform.security;

/**
 * A portal client as stored ({@code api_client}): its API key only as a SHA-256 hash, its grants as
 * space-separated lists.
 *
 * @param publishableKeyHash the client's publishable key (browser or app), if it has one: tokenise and verify only
 * @param returnOrigins      origins a payer may be sent back to ({@code returnUrl}), separated by spaces
 * @param suppliers          supplier codes this client may act for, separated by spaces
 * @param scopes             scope values ({@link Scope#value()}), separated by spaces
 * @param demo               demo clients are refused unless the demo is on
 * @param kind               {@code supplier} (a supplier's own portal) or {@code aggregator} (a portal of many suppliers)
 */
public record ApiClient(String id, String keyHash, String publishableKeyHash, String returnOrigins, String suppliers,
                        String scopes, boolean demo, boolean active, String kind) {
}
