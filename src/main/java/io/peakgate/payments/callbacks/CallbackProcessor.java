package io.peakgate.payments.callbacks;

import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.Payments;
import io.peakgate.platform.async.Poller;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Applies stored callbacks to payments, after the provider has been acknowledged: at once for a
 * fresh callback, and by a poller for anything left (a crash, a failed attempt). Applying is
 * idempotent (the state machine), so a row applied twice changes nothing the second time.
 */
@ApplicationScoped
public class CallbackProcessor {

    private static final Logger LOG = Logger.getLogger(CallbackProcessor.class);
    private static final int MAX_ATTEMPTS = 10;

    @Inject
    Pool pool;

    @Inject
    CallbackInbox inbox;

    @Inject
    Payments payments;

    @Inject
    ProvidersConfig config;

    @Inject
    Vertx vertx;

    private Poller poller;

    void start(@Observes StartupEvent event) {
        poller = Poller.every(vertx, Duration.ofMillis(250), this::drain);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.stop();
        }
    }

    /** Applies one just-stored callback without waiting for the poller; failures are left to it. */
    void kick(Notification n) {
        inbox.claim(pool, n.provider(), n.eventId())
                .chain(this::applyAll)
                .subscribe().with(ok -> { }, e -> LOG.debugf("callback %s/%s left to the poller: %s",
                        n.provider(), n.eventId(), e.toString()));
    }

    Uni<Void> drain() {
        return inbox.claim(pool, 100).chain(this::applyAll)
                .onFailure().invoke(e -> LOG.warnf("Callback inbox round failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> applyAll(List<CallbackInbox.Claimed> claimed) {
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndMerge(this::apply)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(CallbackInbox.Claimed claimed) {
        Notification n = claimed.notification();
        return payments.apply(n)
                .chain(outcome -> inbox.done(pool, n, CallbackInbox.Status.PROCESSED, outcome.wire()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Applying callback %s/%s failed (attempt %d): %s", n.provider(), n.eventId(),
                            claimed.attempts(), e.toString());
                    return claimed.attempts() >= MAX_ATTEMPTS ? inbox.done(pool, n, CallbackInbox.Status.FAILED,
                            e.getClass().getSimpleName())
                            : Uni.createFrom().voidItem();
                });
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return inbox.purge(pool, config.callbackStaleAfter().plusDays(1)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
