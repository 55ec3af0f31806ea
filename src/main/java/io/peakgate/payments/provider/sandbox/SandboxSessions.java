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

    /** The session, or null when unknown or expired. */
    Uni<SandboxSession> find(String id) {
        return redis.get("sandbox:session:" + id).map(value -> value == null ? null : json.read(value, SandboxSession.class));
    }
}
