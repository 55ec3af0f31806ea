package io.peakgate.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.json.JsonCodec;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes writes idempotent per client and key (SPEC section 3): the same key with the same request
 * replays the first response, with another request is refused (422), and while the first is in
 * flight gets 409. Redis is the fast path; the claim in PostgreSQL, in the operation's own
 * transaction, is the final guard, so a Redis flush or outage cannot let an operation run twice.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);

    private final ReactiveValueCommands<String, String> redis;
    private final IdempotencyRepository repository;
    private final ResponseBodies bodies;
    private final JsonCodec json;
    private final IdempotencyConfig config;
    private final Counter redisFallbacks;
    private final Counter replays;

    @Inject
    public IdempotencyService(ReactiveRedisDataSource redis, IdempotencyRepository repository, ResponseBodies bodies,
                              JsonCodec json, IdempotencyConfig config, MeterRegistry metrics) {
        this.redis = redis.value(String.class);
        this.repository = repository;
        this.bodies = bodies;
        this.json = json;
        this.config = config;
        this.redisFallbacks = metrics.counter("peakgate.idempotency.redis.fallbacks");
        this.replays = metrics.counter("peakgate.idempotency.replays");
    }

    /** Validates the caller's key and fingerprints what is asked. */
    public IdempotentRequest request(String clientId, String key, String method, String path, Object body) {
        if (key == null || key.isEmpty()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_MISSING,
                    "Send an Idempotency-Key header (e.g. a UUID) with every write");
        }
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "The Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
        }
        return new IdempotentRequest(clientId, key, bodies.fingerprint(method, path, body));
    }

    /**
     * Runs {@code operation} at most once for the request's key. The operation must call
     * {@link IdempotencyGuard#claim} and {@link IdempotencyGuard#record} in its transaction.
     * A {@link ProblemException} from the operation releases the key, so the caller can correct and retry.
     */
    public <T> Uni<IdempotentResult<T>> execute(IdempotentRequest request,
                                                Function<IdempotencyGuard, Uni<T>> operation) {
        return reserve(request).chain(earlier -> {
            if (earlier != null) {
                return Uni.createFrom().item(replayOrRefuse(request, earlier));
            }
            IdempotencyGuard guard = new IdempotencyGuard(repository, request, bodies);
            return operation.apply(guard).onItemOrFailure()
                    .transformToUni((result, failure) -> settle(request, guard, result, failure));
        });
    }

    /**
     * Like {@link #execute} but with PostgreSQL alone as the guard: a concurrent duplicate waits for
     * the first to commit and then gets its answer, instead of a 409. For protocols whose callers
     * retry on anything but a final answer (SMS aggregators, payment agents).
     */
    public <T> Uni<IdempotentResult<T>> executeSerialized(IdempotentRequest request,
                                                          Function<IdempotencyGuard, Uni<T>> operation) {
        IdempotencyGuard guard = new IdempotencyGuard(repository, request, bodies);
        return operation.apply(guard).onItemOrFailure()
                .transformToUni((result, failure) -> settle(request, guard, result, failure));
    }

    /** A request identified by a protocol's own message id, fingerprinted like any other. */
    public IdempotentRequest protocolRequest(String clientId, String messageId, Object body) {
        return new IdempotentRequest(clientId, messageId, bodies.fingerprint("PROTOCOL", clientId, body));
    }

    private <T> Uni<IdempotentResult<T>> settle(IdempotentRequest request, IdempotencyGuard guard, T result,
                                                Throwable failure) {
        if (failure == null) {
            StoredResponse stored = guard.recorded();
            IdempotentResult<T> fresh = new IdempotentResult.Fresh<>(stored.status(), result, stored.body());
            return remember(request, stored).replaceWith(fresh);
        }
        if (failure instanceof IdempotencyConflict conflict) {
            Entry entry = new Entry(conflict.response() == null ? Entry.PENDING : Entry.DONE, conflict.fingerprint(),
                    conflict.response());
            IdempotentResult<T> outcome;
            try {
                outcome = replayOrRefuse(request, entry);
            } catch (ProblemException refused) {
                return Uni.createFrom().failure(refused);
            }
            // the first response is known again: put it back on the fast path (e.g. after a Redis flush)
            return remember(request, conflict.response()).replaceWith(outcome);
        }
        return release(request).onItem().transformToUni(ignored -> Uni.createFrom().failure(failure));
    }

    private <T> IdempotentResult<T> replayOrRefuse(IdempotentRequest request, Entry earlier) {
        if (!earlier.fp().equals(request.fingerprint())) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request");
        }
        if (!earlier.done()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        }
        replays.increment();
        return new IdempotentResult.Replayed<>(earlier.response());
    }

    /** Sets the in-flight marker unless one exists; returns the existing entry, or null when ours is set. */
    private Uni<Entry> reserve(IdempotentRequest request) {
        String marker = json.write(new Entry(Entry.PENDING, request.fingerprint(), null));
        return redis.setGet(request.redisKey(), marker, new SetArgs().nx().px(config.inFlightTtl()))
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(existing -> existing == null ? null : read(existing))
                .onFailure().recoverWithItem(e -> {
                    redisUnavailable(e);
                    return null;
                });
    }

    private Uni<Void> remember(IdempotentRequest request, StoredResponse response) {
        String done = json.write(new Entry(Entry.DONE, request.fingerprint(), response));
        return quietly(redis.set(request.redisKey(), done, new SetArgs().px(config.retention())));
    }

    private Uni<Void> release(IdempotentRequest request) {
        return quietly(redis.getdel(request.redisKey()).replaceWithVoid());
    }

    private Uni<Void> quietly(Uni<Void> redisCall) {
        return redisCall.ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    redisUnavailable(e);
                    return null;
                });
    }

    private void redisUnavailable(Throwable e) {
        redisFallbacks.increment();
        LOG.debugf("Redis unavailable for idempotency, PostgreSQL guards alone: %s", e.toString());
    }

    /** An unreadable entry cannot prove anything: PostgreSQL decides. */
    private Entry read(String value) {
        try {
            return json.read(value, Entry.class);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The Redis value under {@code idem:<client>:<key>}. */
    record Entry(String state, String fp, StoredResponse response) {
        static final String PENDING = "pending";
        static final String DONE = "done";

        boolean done() {
            return DONE.equals(state);
        }
    }
}
