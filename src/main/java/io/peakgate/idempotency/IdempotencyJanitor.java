package io.peakgate.idempotency;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Forgets idempotency records past their retention (Redis entries expire by themselves). */
@ApplicationScoped
public class IdempotencyJanitor {

    private static final Logger LOG = Logger.getLogger(IdempotencyJanitor.class);

    @Inject
    Pool pool;

    @Inject
    IdempotencyRepository repository;

    @Inject
    IdempotencyConfig config;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return repository.purge(pool, config.retention())
                .invoke(n -> LOG.debugf("purged %d idempotency records", n))
                .onFailure().invoke(e -> LOG.warnf("idempotency purge failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
