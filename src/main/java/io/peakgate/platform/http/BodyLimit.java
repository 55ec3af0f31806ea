package io.peakgate.platform.http;

import io.peakgate.platform.error.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.ws.rs.WebApplicationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * Refuses a body larger than the HTTP limit with a problem+json 413: a declared one before reading it,
 * a chunked one (no Content-Length) as soon as it passes the limit while it is read here. Requests the
 * HTTP layer fails before the REST layer sees them (a form field over its size limit) get a problem+json too.
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized).failureHandler(this::refused);
    }

    void refuseOversized(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + maxBody.asLongValue() + " bytes");
            return;
        }
        if (declared == null && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
            // read here, up to the limit: past it the body handler fails the request with 413 (see refused)
            BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()).handle(rc);
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
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + maxBody.asLongValue() + " bytes");
        } else {
            problems.send(rc, ErrorCode.REQUEST_INVALID, ErrorCode.REQUEST_INVALID.title());
        }
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBody.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
