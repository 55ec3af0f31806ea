package io.peakgate.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.error.ErrorCode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sheds load early, before the REST layer and the database see a request: every API request takes
 * a token from the instance's adaptive concurrency limit ({@link Admission}); without one it is
 * answered at once with 503 and {@code Retry-After} (problem+json {@code service.overloaded}; SMS
 * aggregators and payment agents in their own protocol, {@link RouteProblems}) instead of queueing
 * in front of the database pool until clients time out. The limit follows latency between
 * {@code peakgate.http.shedding.min-limit} and the hard cap {@code peakgate.http.max-in-flight}, so
 * the requests it admits keep their latency. Provider callbacks draw on a reserved share of it:
 * they are acknowledged during a peak that fills the rest.
 * <p>
 * The token is given back when the response ends (or the connection closes first), with the
 * outcome the limit learns from: an answer (2xx-4xx) and a 503/504 are latency samples, a fault, a
 * vanished client or an upload (its duration follows its size) is not.
 */
@Singleton
public class LoadShedder {

    private static final String CALLBACKS = "/v1/callbacks/";

    private final Uploads uploads;
    private final RouteProblems problems;
    private final Admission admission;
    private final Map<Admission.Lane, Counter> shed = new EnumMap<>(Admission.Lane.class);
    private final String retryAfter;

    @Inject
    public LoadShedder(HttpConfig config, Uploads uploads, RouteProblems problems, MeterRegistry metrics) {
        this.uploads = uploads;
        this.problems = problems;
        this.admission = new Admission(config.shedding(), config.maxInFlight(), System::nanoTime);
        this.retryAfter = Long.toString(Math.max(1, (config.shedding().retryAfter().toMillis() + 999) / 1000));
        for (Admission.Lane lane : Admission.Lane.values()) {
            shed.put(lane, Counter.builder("peakgate.http.shed").tag("partition", lane.partition())
                    .description("API requests shed at admission").register(metrics));
        }
        Gauge.builder("peakgate.http.limit", admission, Admission::limit)
                .description("The adaptive concurrency limit of API requests").register(metrics);
        Gauge.builder("peakgate.http.in.flight", admission, Admission::inFlight)
                .description("API requests admitted and in progress").register(metrics);
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE + 2).handler(this::admit);
    }

    void admit(RoutingContext rc) {
        String path = rc.request().path();
        Admission.Lane lane = path.startsWith(CALLBACKS) ? Admission.Lane.CALLBACKS : Admission.Lane.API;
        var token = admission.acquire(lane);
        if (token.isEmpty()) {
            shed.get(lane).increment();
            problems.send(rc, ErrorCode.SERVICE_OVERLOADED, "The gateway is at capacity; retry in " + retryAfter + " s", retryAfter);
            return;
        }
        // an upload's time is its size, not the gateway's latency
        boolean sampled = uploads.limit(path).isEmpty();
        rc.addEndHandler(done -> Admission.release(token.get(),
                Admission.outcome(done.succeeded(), rc.response().getStatusCode(), sampled)));
        rc.next();
    }
}
