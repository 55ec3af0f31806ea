package io.peakgate.platform.http;

import io.peakgate.platform.error.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * Refuses a declared body larger than the HTTP limit with a problem+json 413 before reading it
 * (the server's own limit still cuts off undeclared, chunked bodies).
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized);
    }

    void refuseOversized(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + maxBody.asLongValue() + " bytes");
            return;
        }
        rc.next();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBody.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
