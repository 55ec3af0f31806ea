package io.peakgate.agents;

import io.peakgate.platform.error.PartnerAnswer;
import io.peakgate.platform.error.PartnerProtocol;
import io.peakgate.platform.error.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;

/**
 * Every refusal on the agents' route, wherever it is raised, in their protocol: HTTP 200 with the
 * OSMP XML (agents read only the {@code result}). Overload, rate limits and faults of the gateway
 * or its database and Redis are result 1 (temporary: the agent retries the same txn_id, which is
 * idempotent); an unknown agent, bad credentials or a refused address are 8; any other bad
 * request is 300.
 */
@Singleton
public class AgentRefusals implements PartnerProtocol {

    static final String XML = MediaType.APPLICATION_XML + ";charset=UTF-8";

    @Override
    public String pathPrefix() {
        return "/v1/agents/";
    }

    @Override
    public PartnerAnswer refuse(Problem problem, HttpServerRequest request) {
        int result = problem.status() == 429 || problem.status() >= 500 ? AgentAnswer.TEMPORARY
                : problem.status() == 401 || problem.status() == 403 ? AgentAnswer.NOT_ALLOWED : AgentAnswer.OTHER;
        String comment = switch (result) {
            case AgentAnswer.TEMPORARY -> "temporary error, retry later";
            case AgentAnswer.NOT_ALLOWED -> "agent not allowed";
            default -> problem.detail() == null ? problem.title() : problem.detail();
        };
        AgentAnswer answer = new AgentAnswer(txnId(request), null, null, result, comment);
        return new PartnerAnswer(200, XML, answer.xml(), result == AgentAnswer.TEMPORARY);
    }

    /** The agent's txn_id, echoed only when it is one (a hostile query's value is not repeated). */
    private static String txnId(HttpServerRequest request) {
        try {
            String txn = request.getParam("txn_id");
            return txn != null && AgentResource.TXN_ID.matcher(txn).matches() ? txn : "";
        } catch (RuntimeException undecodable) {
            return "";
        }
    }
}
