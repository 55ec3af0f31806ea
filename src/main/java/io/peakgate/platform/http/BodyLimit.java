package io.peakgate.platform.http;

import io.peakgate.platform.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;

import java.util.OptionalLong;

/**
 * Refuses a body larger than its route's limit with a problem+json 413: a declared one before
 * reading it, a chunked one (no Content-Length) as soon as it passes the limit while it is read
 * here. API requests take at most {@code peakgate.http.max-body-size}; upload routes (settlement
 * registries, account imports: streamed to PostgreSQL, never buffered) take up to their own limit
 * ({@code peakgate.http.uploads.*}; chunked, up to the server's). Requests the
 * HTTP layer fails before the REST layer sees them (a form field over its size limit) get a
 * problem+json too.
 */
@Singleton
public class BodyLimit {

    @Inject
    HttpConfig config;

    @Inject
    Uploads uploads;

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        // right after the request id (RequestIds, the first handler), before load shedding
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseOversized).failureHandler(this::refused);
    }

    void refuseOversized(RoutingContext rc) {
        OptionalLong upload = uploads.limit(rc.request().path());
        long limit = upload.orElse(config.maxBodySize().asLongValue());
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared, limit)) {
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + limit + " bytes");
            return;
        }
        if (upload.isEmpty() && declared == null && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
            // read here, up to the limit: past it the body handler fails the request with 413 (see refused)
            BodyHandler.create(false).setBodyLimit(limit).handle(rc);
            return;
        }
        rc.next();
    }

    void refused(RoutingContext rc) {
        int status = rc.failure() instanceof WebApplicationException e ? e.getResponse().getStatus() : rc.statusCode();
        if (status < 400 || status >= 500 || rc.response().headWritten()) {
            rc.next();
            return;
        }
        if (status == 413) {
            long limit = uploads.limit(rc.request().path()).orElse(config.maxBodySize().asLongValue());
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + limit + " bytes");
        } else {
            problems.send(rc, ErrorCode.REQUEST_INVALID, ErrorCode.REQUEST_INVALID.title());
        }
    }

    private static boolean tooLarge(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
