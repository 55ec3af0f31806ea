package io.peakgate.vault.service;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.json.JsonCodec;
import io.peakgate.platform.security.RandomTokens;
import io.peakgate.vault.CardData;
import io.peakgate.vault.CardNumber;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * One-use card tokens: the card (never the CVC) is sealed by the {@link KeyRing} and kept in Redis
 * only, under a key scoped to the client that made it, until it is used once or expires.
 */
@ApplicationScoped
public class TokenService {

    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveValueCommands<String, String> redis;

    @Inject
    KeyRing vault;

    @Inject
    VaultConfig config;

    @Inject
    JsonCodec json;

    @Inject
    public TokenService(ReactiveRedisDataSource redis) {
        this.redis = redis.value(String.class);
    }

    /** What a token reveals: the brand and the masked number. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "CardToken")
    public record Tokenised(String token, String brand, String first6, String last4, OffsetDateTime expiresAt) {
    }

    private record Sealed(String number, int expMonth, int expYear, String holder) {
    }

    public Uni<Tokenised> tokenise(String clientId, CardData card, OffsetDateTime now) {
        String token = RandomTokens.next("tok_");
        String sealed = Base64.getEncoder().encodeToString(vault.seal(json.write(new Sealed(card.number().reveal(),
                card.expMonth(), card.expYear(), card.holder())), token));
        return redis.set(key(clientId, token), sealed, new SetArgs().px(config.tokenTtl()))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().transform(e -> new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Card tokens are unavailable for a moment; retry shortly"))
                .replaceWith(new Tokenised(token, card.number().brand().wireName(), card.number().first6(),
                        card.number().last4(), now.plus(config.tokenTtl())));
    }

    /** Takes the token out of the store (it works once); a token of another client is simply not found. */
    public Uni<CardData> consume(String clientId, String token, String field) {
        return redis.getdel(key(clientId, token))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().transform(e -> new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Card tokens are unavailable for a moment; retry shortly"))
                .map(value -> {
                    if (value == null) {
                        throw new ProblemException(ErrorCode.TOKEN_NOT_FOUND,
                                "The card token is unknown, expired or already used; tokenise the card again");
                    }
                    Sealed card = json.read(vault.open(Base64.getDecoder().decode(value), token), Sealed.class);
                    return new CardData(CardNumber.parse(card.number(), field), card.expMonth(), card.expYear(),
                            card.holder(), null);
                });
    }

    private static String key(String clientId, String token) {
        return "vault:token:" + clientId + ":" + token;
    }
}
