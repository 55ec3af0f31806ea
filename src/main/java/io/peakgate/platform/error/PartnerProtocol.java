package io.peakgate.platform.error;

import io.vertx.core.http.HttpServerRequest;

/**
 * A route whose callers speak their own protocol (payment agents, SMS aggregators): every refusal
 * on it, wherever it is raised (the REST layer, an exception mapper, load shedding, the body limit),
 * is answered in that protocol instead of problem+json. See {@link ProblemAnswers}.
 */
public interface PartnerProtocol {

    /** The path prefix of the routes this protocol answers, e.g. {@code /v1/agents/}. */
    String pathPrefix();

    /** The protocol's answer to a request refused with {@code problem}. */
    PartnerAnswer refuse(Problem problem, HttpServerRequest request);
}
