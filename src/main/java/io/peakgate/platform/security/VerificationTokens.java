package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.json.JsonCodec;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Short-lived tokens proving knowledge of one account (verification without registration). They
 * live in Redis only; each allows reading that account's balance and submitting one reading
 * (spent in PostgreSQL with the reading: {@link VerificationReadings}).
 */
@ApplicationScoped
public class VerificationTokens {

    public static final String PREFIX = "vt_";
    public static final Duration TTL = Duration.ofMinutes(15);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ReactiveValueCommands<String, String> redis;

    @Inject
    JsonCodec json;

    @Inject
    public VerificationTokens(ReactiveRedisDataSource redis) {
        this.redis = redis.value(String.class);
    }

    private record Stored(String portal, String supplier, String account) {
    }

    public Uni<String> issue(String portalClientId, String supplier, String account) {
        String token = RandomTokens.next(PREFIX);
        return redis.set(key(token), json.write(new Stored(portalClientId, supplier, account)), new SetArgs().px(TTL))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Verification is unavailable for a moment; retry shortly"))
                .replaceWith(token);
    }

    /** The caller a token stands for, or null when it is unknown or expired. */
    Uni<Caller> find(String token) {
        return redis.get(key(token)).ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Verification is unavailable for a moment; retry shortly"))
                .map(value -> {
                    if (value == null) {
                        return null;
                    }
                    Stored s = json.read(value, Stored.class);
                    return Caller.verified(s.portal(), new Caller.VerifiedAccount(token, s.supplier(), s.account()));
                });
    }

    private static String key(String token) {
        return "verify:" + token;
    }
}
