package io.peakgate.platform.async;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a non-blocking job on a Vert.x timer, one run at a time: a tick that finds the previous run
 * still going does nothing. For jobs that must poll faster than the scheduler's one-second floor.
 */
public final class Poller {

    private final Vertx vertx;
    private final long timer;
    private final AtomicBoolean running = new AtomicBoolean();

    private Poller(Vertx vertx, Duration interval, Supplier<Uni<Void>> job) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                job.get().subscribe().with(ignored -> running.set(false), failure -> running.set(false));
            }
        });
    }

    public static Poller every(Vertx vertx, Duration interval, Supplier<Uni<Void>> job) {
        return new Poller(vertx, interval, job);
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }
}
