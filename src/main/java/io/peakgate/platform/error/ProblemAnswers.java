package io.peakgate.platform.error;

import io.quarkus.arc.All;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * The one place a refusal becomes an answer: problem+json, or, on a partner's route, that
 * partner's protocol ({@link PartnerProtocol}). Used by the exception mappers and by the Vert.x
 * route handlers that refuse a request before the REST layer sees it.
 */
@Singleton
public class ProblemAnswers {

    @Inject
    @All
    List<PartnerProtocol> partners;

    /** The partner protocol that answers this request's path, if any. */
    public Optional<PartnerAnswer> partner(Problem problem, HttpServerRequest request) {
        String path = request.path() == null ? "" : request.path();
        for (PartnerProtocol partner : partners) {
            if (path.startsWith(partner.pathPrefix())) {
                return Optional.of(partner.refuse(problem, request));
            }
        }
        return Optional.empty();
    }

    public Response response(Problem problem, HttpServerRequest request) {
        return partner(problem, request).map(PartnerAnswer::toResponse).orElseGet(problem::toResponse);
    }
}
