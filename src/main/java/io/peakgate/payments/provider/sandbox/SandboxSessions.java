package io.peakgate.payments.provider.sandbox;

import io.peakgate.platform.json.JsonCodec;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** The sandbox's sessions, kept in Redis for two hours (shared by every gateway instance). */
@ApplicationScoped
class SandboxSessions {

    private static final Duration TTL = Duration.ofHours(2);
    private static final Duration CHARGE_TTL = Duration.ofDays(8);

    private final ReactiveValueCommands<String, String> redis;

    @Inject
    JsonCodec json;

    @Inject
    SandboxSessions(ReactiveRedisDataSource redis) {
        this.redis = redis.value(String.class);
    }

    Uni<Void> save(SandboxSession session) {
        return redis.set("sandbox:session:" + session.id(), json.write(session), new SetArgs().px(TTL));
    }

    /**
     * Records a repeat (saved-card) charge under the payment's reference unless one is already there;
     * returns the outcome that stands, so asking twice with one reference charges once.
     */
    Uni<RepeatCharge> charge(String reference, String outcome) {
        String key = "sandbox:charge:" + reference;
        return redis.setnx(key, outcome)
                .chain(created -> created
                        ? redis.getex(key, new io.quarkus.redis.datasource.value.GetExArgs().px(CHARGE_TTL))
                                .replaceWith(new RepeatCharge(outcome, true))
                        : redis.get(key).map(stored -> new RepeatCharge(stored, false)));
    }

    /** The outcome of the repeat charge made under this reference, or null if none was made. */
    Uni<String> repeatCharge(String reference) {
        return redis.get("sandbox:charge:" + reference);
    }

    /** A repeat charge's outcome and whether this call made it (false: an earlier call did). */
    record RepeatCharge(String outcome, boolean created) {
    }

    /** The session, or null when unknown or expired. */
    Uni<SandboxSession> find(String id) {
        return redis.get("sandbox:session:" + id).map(value -> value == null ? null : json.read(value, SandboxSession.class));
    }
}
