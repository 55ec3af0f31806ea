package io.peakgate.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Handed to an idempotent operation so that it claims the key and records its response inside
 * its own database transaction: the operation and its idempotency record commit or roll back together.
 */
public final class IdempotencyGuard {

    private final IdempotencyRepository repository;
    private final IdempotentRequest request;
    private final ResponseBodies bodies;
    private final Integer statusOverride;
    private final UnaryOperator<Object> transform;
    private final AtomicReference<StoredResponse> recorded;
    private final Function<SqlConnection, Uni<Void>> alsoClaim;

    IdempotencyGuard(IdempotencyRepository repository, IdempotentRequest request, ResponseBodies bodies) {
        this(repository, request, bodies, null, UnaryOperator.identity(), new AtomicReference<>(),
                conn -> Uni.createFrom().voidItem());
    }

    private IdempotencyGuard(IdempotencyRepository repository, IdempotentRequest request, ResponseBodies bodies,
                             Integer statusOverride, UnaryOperator<Object> transform,
                             AtomicReference<StoredResponse> recorded, Function<SqlConnection, Uni<Void>> alsoClaim) {
        this.repository = repository;
        this.request = request;
        this.bodies = bodies;
        this.statusOverride = statusOverride;
        this.transform = transform;
        this.recorded = recorded;
        this.alsoClaim = alsoClaim;
    }

    /**
     * The same guard, also claiming something else once in the operation's transaction (a one-use
     * allowance): it is spent only if the operation commits, and a replay never reaches it.
     */
    public IdempotencyGuard alsoClaiming(Function<SqlConnection, Uni<Void>> claim) {
        return new IdempotencyGuard(repository, request, bodies, statusOverride, transform, recorded,
                conn -> alsoClaim.apply(conn).chain(() -> claim.apply(conn)));
    }

    /**
     * The same guard, recording {@code status} and {@code transform(body)} instead of what the
     * operation records: for a protocol (SMS, agents) whose answer wraps a domain operation's.
     */
    public IdempotencyGuard storing(int status, UnaryOperator<Object> transform) {
        return new IdempotencyGuard(repository, request, bodies, status, transform, recorded, alsoClaim);
    }

    /** First statement of the operation's transaction; fails (rolling it back) if the key was already used. */
    public Uni<Void> claim(SqlConnection conn) {
        return repository.claim(conn, request).chain(() -> alsoClaim.apply(conn));
    }

    /** Records the response the caller will get, in the same transaction. */
    public Uni<Void> record(SqlConnection conn, int status, Object body) {
        StoredResponse response = new StoredResponse(statusOverride == null ? status : statusOverride,
                bodies.write(transform.apply(body)));
        recorded.set(response);
        return repository.record(conn, request, response);
    }

    StoredResponse recorded() {
        return recorded.get();
    }
}
