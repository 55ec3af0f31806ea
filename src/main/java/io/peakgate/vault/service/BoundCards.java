package io.peakgate.vault.service;

import io.peakgate.platform.time.Clocks;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.json.JsonCodec;
import io.peakgate.platform.security.RandomTokens;
import io.peakgate.vault.CardData;
import io.peakgate.vault.ProviderCard;
import io.peakgate.vault.UsableCard;
import io.peakgate.vault.CardNumber;
import io.peakgate.vault.service.CardAuditRepository.Entry;
import io.peakgate.vault.service.CardAuditRepository.Operation;
import io.peakgate.vault.service.CardAuditRepository.Outcome;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Bound ("saved") cards. PostgreSQL keeps them durably, sealed by the {@link KeyRing}; Redis caches
 * them (sealed too), so a Redis flush loses nothing. A card is bound only when the payment that
 * asked for it succeeds; it then pays only its payment type, only suppliers the subscriber has
 * already paid, and only for its own subscriber (anyone else's token is simply not found). Every
 * operation on a saved card leaves a row in {@code card_audit} (in its transaction where it has one).
 */
@ApplicationScoped
public class BoundCards {

    public static final String PREFIX = "card_";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(300);
    private static final Logger LOG = Logger.getLogger(BoundCards.class);

    private final ReactiveValueCommands<String, String> cache;
    private final ReactiveKeyCommands<String> keys;

    @Inject
    Pool pool;

    @Inject
    BoundCardRepository repository;

    @Inject
    KeyRing vault;

    @Inject
    VaultConfig config;

    @Inject
    JsonCodec json;

    @Inject
    CardAuditRepository audit;

    @Inject
    Clock clock;

    @Inject
    public BoundCards(ReactiveRedisDataSource redis) {
        this.cache = redis.value(String.class);
        this.keys = redis.key();
    }

    /** What is sealed: the number and holder of a vault card, or a hosted provider's recurring token. */
    private record Sealed(String number, String holder, String provider, String providerToken) {
    }

    /** Inside the payment's first transaction: remembers the card until the payment succeeds. */
    public Uni<Void> bindPending(SqlConnection conn, UUID paymentId, String clientId, String subscriber,
                                 String paymentType, CardData card, OffsetDateTime at) {
        String token = RandomTokens.next(PREFIX);
        byte[] sealed = vault.seal(json.write(new Sealed(card.number().reveal(), card.holder(), null, null)), token);
        List<String> fingerprints = vault.fingerprints(card.number().reveal());
        BoundCardRow row = new BoundCardRow(token, clientId, subscriber, paymentType, card.number().brand().wireName(),
                card.number().first6(), card.number().last4(), card.expMonth(), card.expYear(),
                fingerprints.get(0), sealed, "pending", at);
        return repository.insertPending(conn, row, paymentId, fingerprints)
                .chain(() -> audit.record(conn, new Entry(at, clientId, subscriber, Operation.BIND, token, Outcome.PENDING)));
    }

    /**
     * Inside the transaction that records a hosted provider's confirmation: remembers the provider's
     * recurring token for the card it confirmed (no card number ever reaches the gateway); {@link #settle}
     * in the same transaction makes it active.
     */
    public Uni<Void> bindPending(SqlConnection conn, UUID paymentId, String clientId, String subscriber,
                                 String paymentType, ProviderCard card, OffsetDateTime at) {
        String token = RandomTokens.next(PREFIX);
        byte[] sealed = vault.seal(json.write(new Sealed(null, null, card.provider(), card.token())), token);
        List<String> fingerprints = vault.fingerprints(card.provider() + ":" + card.token());
        BoundCardRow row = new BoundCardRow(token, clientId, subscriber, paymentType, card.brand(), card.first6(),
                card.last4(), card.expMonth(), card.expYear(), fingerprints.get(0), sealed, "pending", at);
        return repository.insertPending(conn, row, paymentId, fingerprints)
                .chain(() -> audit.record(conn, new Entry(at, clientId, subscriber, Operation.BIND, token, Outcome.PENDING)));
    }

    /** Inside the transaction that records a payment's final state. */
    public Uni<Void> settle(SqlConnection conn, UUID paymentId, boolean succeeded, String clientId, String subscriber,
                            String supplier, OffsetDateTime at) {
        if (!succeeded) {
            return repository.dropPending(conn, paymentId).chain(dropped -> audit.record(conn,
                    CardAuditRepository.each(at, clientId, subscriber, Operation.BIND, dropped, Outcome.PAYMENT_FAILED, null)));
        }
        Uni<Void> history = subscriber == null ? Uni.createFrom().voidItem()
                : repository.supplierPaid(conn, clientId, subscriber, supplier, at);
        return history.chain(() -> repository.activate(conn, paymentId, at)).chain(settled -> {
            List<Entry> entries = new ArrayList<>(
                    CardAuditRepository.each(at, clientId, subscriber, Operation.BIND, settled.bound(), Outcome.BOUND, null));
            entries.addAll(CardAuditRepository.each(at, clientId, subscriber, Operation.BIND, settled.dropped(),
                    Outcome.ALREADY_BOUND, null));
            return audit.record(conn, entries);
        });
    }

    /** The card behind a bound token, if the rules let it pay this supplier for this payment type. */
    public Uni<UsableCard> use(String clientId, String subscriber, String token, String paymentType, String supplier) {
        return find(token).chain(row -> {
            if (row == null || !row.clientId().equals(clientId) || !row.subscriber().equals(subscriber)) {
                return refuse(clientId, subscriber, row, Outcome.NOT_FOUND, new ProblemException(ErrorCode.TOKEN_NOT_FOUND,
                        "No saved card with this token for this subscriber"));
            }
            if (!row.paymentType().equals(paymentType)) {
                return refuse(clientId, subscriber, row, Outcome.PAYMENT_TYPE_MISMATCH, new ProblemException(
                        ErrorCode.CARD_PAYMENT_TYPE_MISMATCH, "This card is saved for " + row.paymentType()
                        + " payments; save it again with a " + paymentType + " payment")
                        .with("boundFor", row.paymentType()));
            }
            return repository.hasPaid(pool, clientId, subscriber, supplier).chain(paid -> {
                if (!paid) {
                    return refuse(clientId, subscriber, row, Outcome.NEW_SUPPLIER, new ProblemException(ErrorCode.CARD_NEW_SUPPLIER,
                            "The first payment to " + supplier + " needs the full card and 3-D Secure"));
                }
                Sealed card = json.read(vault.open(row.sealed(), row.token()), Sealed.class);
                UsableCard usable = card.providerToken() != null
                        ? new UsableCard(null, new ProviderCard(card.provider(), card.providerToken(), row.brand(), row.first6(),
                        row.last4(), row.expMonth(), row.expYear()), row.paymentType())
                        : new UsableCard(new CardData(CardNumber.parse(card.number(), "method.token"), row.expMonth(),
                        row.expYear(), card.holder(), null), null, row.paymentType());
                return audit.record(pool, new Entry(now(), clientId, subscriber, Operation.USE, row.token(), Outcome.ALLOWED))
                        .replaceWith(usable);
            });
        });
    }

    /** Audits a refused use, then fails with {@code problem}; the card is named only when it exists. */
    private Uni<UsableCard> refuse(String clientId, String subscriber, BoundCardRow row, Outcome outcome,
                               ProblemException problem) {
        return audit.record(pool, new Entry(now(), clientId, subscriber, Operation.USE, row == null ? null : row.token(),
                        outcome))
                .chain(() -> Uni.createFrom().failure(problem));
    }

    public Uni<List<BoundCardRow>> list(String clientId, String subscriber) {
        return repository.list(pool, clientId, subscriber);
    }

    /** Removes one card (404 when the subscriber has no such card). */
    public Uni<Void> remove(String clientId, String subscriber, String token) {
        return forget(List.of(token))
                .chain(() -> removeAudited(clientId, subscriber, token, Operation.DELETE, Outcome.NOT_FOUND))
                .chain(removed -> {
                    if (removed.isEmpty()) {
                        throw new ProblemException(ErrorCode.CARD_NOT_FOUND, "The subscriber has no saved card " + token);
                    }
                    return forget(removed);
                });
    }

    /** Removes every card of the subscriber at once (the portal calls it on a password reset). */
    public Uni<Integer> revokeAll(String clientId, String subscriber) {
        return repository.list(pool, clientId, subscriber)
                .chain(cards -> forget(cards.stream().map(BoundCardRow::token).toList()))
                .chain(() -> removeAudited(clientId, subscriber, null, Operation.REVOKE_ALL, Outcome.NONE))
                .chain(removed -> forget(removed).replaceWith(removed.size()));
    }

    /** Deletes the card(s) and audits each removal (or that nothing was there) in one transaction. */
    private Uni<List<String>> removeAudited(String clientId, String subscriber, String token, Operation operation,
                                            Outcome outcomeWhenNone) {
        OffsetDateTime at = now();
        return pool.withTransaction(conn -> repository.remove(conn, clientId, subscriber, token)
                .call(removed -> audit.record(conn, CardAuditRepository.each(at, clientId, subscriber, operation,
                        removed, Outcome.REMOVED, outcomeWhenNone))));
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }

    /** Redis first (sealed rows only), PostgreSQL when Redis misses or is down. */
    private Uni<BoundCardRow> find(String token) {
        return cache.get(cacheKey(token)).ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithItem((String) null)
                .chain(cached -> {
                    if (cached != null) {
                        return Uni.createFrom().item(json.read(cached, BoundCardRow.class));
                    }
                    return repository.findActive(pool, token).call(row -> row == null ? Uni.createFrom().voidItem()
                            : cache.set(cacheKey(token), json.write(row), new SetArgs().px(config.cardCacheTtl()))
                            .ifNoItem().after(REDIS_TIMEOUT).fail().onFailure().recoverWithNull());
                });
    }

    /** Drops cached copies; a removal must not leave a usable copy behind, so Redis failing fails it. */
    private Uni<Void> forget(List<String> tokens) {
        if (tokens.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return keys.del(tokens.stream().map(BoundCards::cacheKey).toArray(String[]::new))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().transform(e -> {
                    LOG.warnf("Cannot drop cached saved cards: %s", e.toString());
                    return new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                            "Saved cards cannot be changed for a moment; retry shortly");
                })
                .replaceWithVoid();
    }

    private static String cacheKey(String token) {
        return "vault:card:" + token;
    }
}
