package io.peakgate.platform.http;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.PartnerAnswer;
import io.peakgate.platform.error.Problem;
import io.peakgate.platform.error.ProblemAnswers;
import io.peakgate.platform.json.JsonCodec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Answers a refusal from a Vert.x route handler, before a request reaches the REST layer: a
 * problem+json, or a partner route's own protocol ({@link ProblemAnswers}).
 */
@Singleton
public class RouteProblems {

    @Inject
    JsonCodec json;

    @Inject
    ProblemAnswers answers;

    void send(RoutingContext rc, ErrorCode code, String detail) {
        send(rc, code, detail, "1");
    }

    /** As {@link #send(RoutingContext, ErrorCode, String)}, a 503 or 429 telling the caller to retry after {@code retryAfter} seconds. */
    void send(RoutingContext rc, ErrorCode code, String detail, String retryAfter) {
        Problem problem = Problem.of(code, detail, Problem.instance(rc.request()), List.of(), Map.of());
        var partner = answers.partner(problem, rc.request());
        if (partner.isPresent()) {
            send(rc, partner.get(), code.status() == 413, retryAfter);
            return;
        }
        var response = rc.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (code.status() == 503 || code.status() == 429) {
            response.putHeader("Retry-After", retryAfter);
        }
        if (code.status() == 413) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(json.write(problem));
    }

    private static void send(RoutingContext rc, PartnerAnswer answer, boolean close, String retryAfter) {
        var response = rc.response().setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
        if (answer.retryLater()) {
            response.putHeader("Retry-After", retryAfter);
        }
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(answer.body());
    }
}
