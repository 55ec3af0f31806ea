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
 * Refuses a declared body larger than the route's limit with a problem+json 413 before reading it:
 * API requests take at most {@code peakgate.http.max-body-size}; upload paths (settlement
 * registries, streamed to PostgreSQL) take up to the server's limit. Because the server's limit is
 * the uploads' one, a body of undeclared length (chunked) is refused with 411 outside upload paths,
 * so no JSON endpoint ever buffers more than its own limit.
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize serverLimit;

    @Inject
    HttpConfig config;

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized);
    }

    void refuseOversized(RoutingContext rc) {
        boolean upload = rc.request().path() != null && rc.request().path().startsWith(config.uploadPaths());
        long limit = upload ? serverLimit.asLongValue() : config.maxBodySize().asLongValue();
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared, limit)) {
            problems.send(rc, ErrorCode.REQUEST_TOO_LARGE, "The body may be at most " + limit + " bytes");
            return;
        }
        if (declared == null && !upload && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            problems.send(rc, ErrorCode.REQUEST_LENGTH_REQUIRED, "Send the body with a Content-Length (at most "
                    + limit + " bytes)");
            return;
        }
        rc.next();
    }

    private static boolean tooLarge(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
