package io.peakgate.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;
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
    private final boolean keyOnly;

    IdempotencyGuard(IdempotencyRepository repository, IdempotentRequest request, ResponseBodies bodies) {
        this(repository, request, bodies, null, UnaryOperator.identity(), new AtomicReference<>(),
                conn -> Uni.createFrom().voidItem(), true);
    }

    private IdempotencyGuard(IdempotencyRepository repository, IdempotentRequest request, ResponseBodies bodies,
                             Integer statusOverride, UnaryOperator<Object> transform,
                             AtomicReference<StoredResponse> recorded, Function<SqlConnection, Uni<Void>> alsoClaim,
                             boolean keyOnly) {
        this.repository = repository;
        this.request = request;
        this.bodies = bodies;
        this.statusOverride = statusOverride;
        this.transform = transform;
        this.recorded = recorded;
        this.alsoClaim = alsoClaim;
        this.keyOnly = keyOnly;
    }

    /**
     * The same guard, also claiming something else once in the operation's transaction (a one-use
     * allowance): it is spent only if the operation commits, and a replay never reaches it.
     */
    public IdempotencyGuard alsoClaiming(Function<SqlConnection, Uni<Void>> claim) {
        return new IdempotencyGuard(repository, request, bodies, statusOverride, transform, recorded,
                conn -> alsoClaim.apply(conn).chain(() -> claim.apply(conn)), false);
    }

    /**
     * The same guard, recording {@code status} and {@code transform(body)} instead of what the
     * operation records: for a protocol (SMS, agents) whose answer wraps a domain operation's.
     */
    public IdempotencyGuard storing(int status, UnaryOperator<Object> transform) {
        return new IdempotencyGuard(repository, request, bodies, status, transform, recorded, alsoClaim, keyOnly);
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

    /** Whether the claim is the key alone (no other allowance): then it can be claimed with others', in one statement. */
    public boolean claimsKeyOnly() {
        return keyOnly;
    }

    /**
     * Claims the keys of many key-only guards in one statement (a group commit). Per guard, in order:
     * null when claimed, or the failure its operation must end with (the key was used: the
     * operation must not run, and the service replays or refuses from it).
     */
    public static Uni<List<RuntimeException>> claimAll(SqlConnection conn, List<IdempotencyGuard> guards) {
        if (guards.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (guards.stream().anyMatch(g -> !g.keyOnly)) {
            throw new IllegalArgumentException("only key-only guards are claimed together");
        }
        return guards.getFirst().repository.claimAll(conn, guards.stream().map(g -> g.request).toList())
                .map(conflicts -> conflicts.stream().map(c -> (RuntimeException) c).toList());
    }

    /** Records each guard's response (status and body, as {@link #record} would) in one statement. */
    public static Uni<Void> recordAll(SqlConnection conn, List<IdempotencyGuard> guards, int status, List<?> bodies) {
        if (guards.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<StoredResponse> responses = new ArrayList<>(guards.size());
        for (int i = 0; i < guards.size(); i++) {
            IdempotencyGuard g = guards.get(i);
            StoredResponse response = new StoredResponse(g.statusOverride == null ? status : g.statusOverride,
                    g.bodies.write(g.transform.apply(bodies.get(i))));
            g.recorded.set(response);
            responses.add(response);
        }
        return guards.getFirst().repository.recordAll(conn, guards.stream().map(g -> g.request).toList(), responses);
    }

    /** Gives up the claims of guards whose operations were refused inside a group (as their own rollback would). */
    public static Uni<Void> unclaimAll(SqlConnection conn, List<IdempotencyGuard> guards) {
        if (guards.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guards.getFirst().repository.unclaimAll(conn, guards.stream().map(g -> g.request).toList());
    }

    /** What identifies the guarded key (client and key): two guards of one key never share a group. */
    public Object identity() {
        return request.clientId() + "\n" + request.key();
    }

    StoredResponse recorded() {
        return recorded.get();
    }
}
