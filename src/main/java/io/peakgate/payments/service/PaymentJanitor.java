package io.peakgate.payments.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Re-checks payments stuck in {@code created}, {@code requires_action} or {@code processing}
 * with their provider, and expires those the provider never finishes.
 */
@ApplicationScoped
public class PaymentJanitor {

    @Inject
    Pool pool;

    @Inject
    PaymentRepository payments;

    @Inject
    Recheck service;

    @Inject
    Clock clock;

    @Inject
    JanitorConfig config;

    @Scheduled(every = "${peakgate.payments.janitor.every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return payments.stuck(pool, now.minus(config.stuckAfter()), 100)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(p -> service.recheck(p, now.minus(config.expireAfter()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
