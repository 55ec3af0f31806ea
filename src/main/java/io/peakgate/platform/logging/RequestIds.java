package io.peakgate.platform.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request its request id, first thing (before the body limit, load shedding and
 * API-key checks, so their refusals have one too): the caller's {@code X-Request-Id} when it is a
 * safe token, else one of the gateway's: the request's OpenTelemetry trace id written as a UUID
 * ({@code 4bf92f35-77b3-4da6-a3ce-929d0e0e4736} for trace {@code 4bf92f3577b34da6a3ce929d0e0e4736}) when the
 * trace started here, so the id a caller quotes is also the trace to look up; a random UUID when the caller
 * sent a {@code traceparent} (its trace may span many requests, and a request id names one). The id is sent back in {@code X-Request-Id} on every response, is
 * the {@code instance} of the request's problems, and is in the log MDC as {@code requestId}
 * (printed by the log format). Each refused request (4xx, 5xx) leaves one log line, so the id a
 * caller sees can always be found in the logs.
 * <p>
 * The MDC lives in the request's own Vert.x duplicated context (Quarkus' {@code VertxMDC}; Quarkus
 * gives each request a new one), so it follows the request across threads and cannot leak to
 * another request on the same event loop; it is dropped with the context when the request ends.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Logger LOG = Logger.getLogger(RequestIds.class);
    /** What a caller's id may be: short and without anything a log line or a header could misread. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    void assign(RoutingContext rc) {
        String id = accept(rc.request().getHeader(HEADER),
                rc.request().getHeader("traceparent") == null ? Span.current().getSpanContext() : SpanContext.getInvalid());
        rc.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        rc.addHeadersEndHandler(ignored -> logRefusal(rc));
        rc.next();
    }

    /**
     * The caller's id when it is a safe token, else a new UUID. Neither ever looks like a card number:
     * the masks would rewrite it in a problem or a log line, and the caller could no longer find it.
     */
    static String accept(String offered) {
        return accept(offered, SpanContext.getInvalid());
    }

    /** As {@link #accept(String)}, the gateway's own id being {@code trace}'s id as a UUID when it is valid. */
    static String accept(String offered, SpanContext trace) {
        if (offered != null && SAFE.matcher(offered).matches() && !cardShaped(offered)) {
            return offered;
        }
        if (trace.isValid()) {
            String fromTrace = asUuid(trace.getTraceId());
            if (!cardShaped(fromTrace)) {
                return fromTrace;
            }
        }
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (cardShaped(id));
        return id;
    }

    /** A trace id (32 hex digits) in the UUID layout, 8-4-4-4-12. */
    static String asUuid(String traceId) {
        return traceId.substring(0, 8) + '-' + traceId.substring(8, 12) + '-' + traceId.substring(12, 16) + '-'
                + traceId.substring(16, 20) + '-' + traceId.substring(20);
    }

    private static boolean cardShaped(String id) {
        return !CardNumberMask.mask(id).equals(id);
    }

    /** This request's id, as sent back in its {@code X-Request-Id}. */
    public static String of(HttpServerRequest request) {
        String id = request.response().headers().get(HEADER);
        if (id == null) {
            // a request that did not pass the handler above (none should): it gets one now
            id = accept(null);
            request.response().putHeader(HEADER, id);
        }
        return id;
    }

    /**
     * One line per refused request, with the request id in its MDC. Shed (503) and rate-limited (429)
     * requests only at DEBUG: they come in floods, are counted in metrics, and must stay cheap.
     */
    private static void logRefusal(RoutingContext rc) {
        int status = rc.response().getStatusCode();
        if (status < 400) {
            return;
        }
        Logger.Level level = status == 503 || status == 429 ? Logger.Level.DEBUG : Logger.Level.INFO;
        if (LOG.isEnabled(level)) {
            LOG.logf(level, "%s %s answered %d", rc.request().method(), rc.request().path(), status);
        }
    }
}
