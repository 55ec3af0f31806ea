package io.peakgate.billing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/** Measures the outbox backlog for metrics (the relay's lag) and purges published rows past retention. */
@ApplicationScoped
public class OutboxJanitor {

    private static final Logger LOG = Logger.getLogger(OutboxJanitor.class);

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    @Inject
    Pool pool;

    @Inject
    OutboxRepository repository;

    @Inject
    OutboxConfig config;

    @Inject
    public OutboxJanitor(MeterRegistry metrics) {
        metrics.gauge("peakgate.outbox.backlog", backlog);
        metrics.gauge("peakgate.outbox.oldest.age.seconds", oldestAgeSeconds);
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureBacklog() {
        return repository.backlog(pool).invoke(b -> {
                    backlog.set(b[0]);
                    oldestAgeSeconds.set(b[1]);
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return repository.purge(pool, config.retention())
                .onFailure().invoke(e -> LOG.warnf("Outbox purge failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
