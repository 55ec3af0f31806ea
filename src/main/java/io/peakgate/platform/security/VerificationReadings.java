package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A verification token's one reading, spent inside the transaction of the reading it allows: a
 * refused reading rolls the spending back, a retried one replays before it, and a second reading is
 * refused. Tokens are kept only as their SHA-256 hash.
 */
@ApplicationScoped
public class VerificationReadings {

    @Inject
    Pool pool;

    @Inject
    VerificationReadingRepository repository;

    /** Whether the caller has a one-reading allowance to spend (a subscriber proven by a verification token). */
    public boolean spends(Caller caller) {
        return caller.kind() == Caller.Kind.VERIFIED_SUBSCRIBER;
    }

    /** Spends the caller's one reading in {@code conn}'s transaction; nothing for other callers. */
    public Uni<Void> spend(SqlConnection conn, Caller caller) {
        if (caller.kind() != Caller.Kind.VERIFIED_SUBSCRIBER) {
            return Uni.createFrom().voidItem();
        }
        return repository.spend(conn, ApiKeyFilter.hash(Secret.of(caller.verified().token())))
                .map(spent -> {
                    if (!spent) {
                        throw new ProblemException(ErrorCode.VERIFICATION_READING_USED,
                                "This verification token's one reading was already submitted");
                    }
                    return null;
                });
    }

    /** Spent tokens outlive their token's TTL by far before they are forgotten. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return repository.purge(pool).onFailure().recoverWithNull();
    }
}
