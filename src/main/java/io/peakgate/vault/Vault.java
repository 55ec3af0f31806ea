package io.peakgate.vault;

import io.peakgate.vault.service.BoundCards;
import io.peakgate.vault.service.KeyRing;
import io.peakgate.vault.service.TokenService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The vault's front door for other domains: one-time card tokens, saved cards (bound to a
 * subscriber, used for one payment, bound and settled inside the payment's own transactions) and
 * sealing of provider secrets. Card numbers never leave the vault in the clear except towards a
 * provider that takes card data.
 */
@ApplicationScoped
public class Vault {

    /** Every saved card's token starts with this; one-time tokens never do. */
    public static final String SAVED_CARD_PREFIX = BoundCards.PREFIX;

    @Inject
    TokenService tokens;

    @Inject
    BoundCards cards;

    @Inject
    KeyRing keys;

    /** Whether a card token names a saved card (rather than a one-time token). */
    public static boolean savedCard(String token) {
        return token != null && token.startsWith(SAVED_CARD_PREFIX);
    }

    /** Spends a one-time token of the client; {@code field} names the token in a refusal. */
    public Uni<CardData> consumeToken(String clientId, String token, String field) {
        return tokens.consume(clientId, token, field);
    }

    /** The subscriber's saved card, usable for one payment of this type to this supplier (refused otherwise). */
    public Uni<UsableCard> useSaved(String clientId, String subscriber, String token, String paymentType,
                                    String supplier) {
        return cards.use(clientId, subscriber, token, paymentType, supplier);
    }

    /** Inside the payment's first transaction: remembers a vault card until the payment succeeds. */
    public Uni<Void> bindPending(SqlConnection conn, UUID paymentId, String clientId, String subscriber,
                                 String paymentType, CardData card, OffsetDateTime at) {
        return cards.bindPending(conn, paymentId, clientId, subscriber, paymentType, card, at);
    }

    /** Inside the transaction that records a hosted provider's confirmation: remembers its recurring token. */
    public Uni<Void> bindPending(SqlConnection conn, UUID paymentId, String clientId, String subscriber,
                                 String paymentType, ProviderCard card, OffsetDateTime at) {
        return cards.bindPending(conn, paymentId, clientId, subscriber, paymentType, card, at);
    }

    /** Inside the transaction that records a payment's final state: activates or drops its pending card. */
    public Uni<Void> settle(SqlConnection conn, UUID paymentId, boolean succeeded, String clientId, String subscriber,
                            String supplier, OffsetDateTime at) {
        return cards.settle(conn, paymentId, succeeded, clientId, subscriber, supplier, at);
    }

    /** Seals a secret (e.g. a provider's recurring token) bound to {@code context}. */
    public byte[] seal(String plaintext, String context) {
        return keys.seal(plaintext, context);
    }

    /** Opens what {@link #seal} sealed with the same context. */
    public String open(byte[] ciphertext, String context) {
        return keys.open(ciphertext, context);
    }
}
