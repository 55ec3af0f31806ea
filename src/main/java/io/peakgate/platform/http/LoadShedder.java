package io.peakgate.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.error.ErrorCode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheds load early: beyond {@code peakgate.http.max-in-flight} API requests in progress on this
 * instance, a new one is answered at once with 503 and {@code Retry-After}, instead of queueing
 * in front of the database pool until clients time out. Provider callbacks are exempt: they are
 * cheap, must be acknowledged quickly, and providers retry anything but an acknowledgement.
 */
@Singleton
public class LoadShedder {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;

    @Inject
    HttpConfig config;

    @Inject
    RouteProblems problems;

    @Inject
    public LoadShedder(MeterRegistry metrics) {
        this.shed = metrics.counter("peakgate.http.shed");
        metrics.gauge("peakgate.http.in.flight", inFlight);
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE + 1).handler(this::admit);
    }

    void admit(RoutingContext rc) {
        if (rc.request().path().startsWith("/v1/callbacks/")) {
            rc.next();
            return;
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            shed.increment();
            problems.send(rc, ErrorCode.SERVICE_OVERLOADED, "The gateway is at capacity; retry in a second");
            return;
        }
        rc.addEndHandler(done -> inFlight.decrementAndGet());
        rc.next();
    }
}
