package io.peakgate.agents;

import io.peakgate.idempotency.IdempotencyService;
import io.peakgate.idempotency.IdempotentResult;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.json.JsonCodec;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Signatures;
import io.peakgate.platform.security.SourceAddresses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/agents/{agent}/pay?command=check|pay&txn_id=&account=&sum=[&txn_date=][&supplier=]}:
 * the two-step protocol of payment agents and terminal networks, answered in the OSMP XML layout.
 * Agents authenticate with HTTP Basic (agent name and secret) from an allowed address. Every
 * answer is HTTP 200 with a {@code result} code, refusals and faults included ({@link AgentRefusals}).
 */
@Path("/v1/agents/{agent}/pay")
@Tag(name = "Payment agents")
public class AgentResource {

    static final Pattern TXN_ID = Pattern.compile("\\d{1,20}");

    @Inject
    AgentsConfig config;

    @Inject
    AgentService service;

    @Inject
    IdempotencyService idempotency;

    @Inject
    JsonCodec json;

    @Inject
    SourceAddresses addresses;

    /** Refusals are thrown as problems and answered in the protocol by {@link AgentRefusals}. */
    @GET
    @Produces(MediaType.APPLICATION_XML)
    @Operation(operationId = "agentCommand", summary = "check an account, or pay it (idempotent on txn_id); XML with a numeric result code")
    public Uni<Response> handle(@PathParam("agent") String agent, @QueryParam("command") String command,
                                @QueryParam("txn_id") String txnId, @QueryParam("account") String account,
                                @QueryParam("sum") String sum, @QueryParam("txn_date") String txnDate,
                                @QueryParam("supplier") String supplier,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServerRequest request) {
        AgentsConfig.Agent peer = config.agents().get(agent);
        if (peer == null || !authenticated(agent, peer, authorization)) {
            throw new ProblemException(ErrorCode.AUTH_INVALID, "agent not allowed");
        }
        addresses.require(peer.allowedAddresses(), request);
        if (txnId == null || !TXN_ID.matcher(txnId).matches() || account == null || account.isBlank()
                || (command == null || !(command.equals("check") || command.equals("pay")))) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "need command=check|pay, a numeric txn_id and an account");
        }
        String target = supplier == null ? peer.suppliers().getFirst() : supplier;
        if (!peer.suppliers().contains(target)) {
            return xml(new AgentAnswer(txnId, null, null, AgentAnswer.FORBIDDEN, "supplier not served by this agent"));
        }
        Long minor;
        try {
            minor = sum == null || sum.isBlank() ? null : Money.minorUnits(sum);
        } catch (NumberFormatException | ArithmeticException e) {
            return xml(new AgentAnswer(txnId, null, sum, AgentAnswer.OTHER, "sum must be like 425.00"));
        }
        AgentService.Request r = new AgentService.Request(agent, txnId, target, account.trim(), minor);
        if (command.equals("check")) {
            return service.check(r).map(AgentResource::ok);
        }
        Map<String, Object> fingerprint = Map.of("supplier", target, "account", r.account(),
                "sum", minor == null ? "" : minor, "txnDate", txnDate == null ? "" : txnDate);
        return idempotency.executeSerialized(idempotency.protocolRequest("agent:" + agent, txnId, fingerprint),
                        guard -> service.pay(r, guard))
                .map(result -> switch (result) {
                    case IdempotentResult.Fresh<AgentAnswer> fresh -> ok(fresh.body());
                    case IdempotentResult.Replayed<AgentAnswer> replayed -> ok(json.read(replayed.stored().body(), AgentAnswer.class));
                })
                .onFailure(e -> e instanceof ProblemException p && p.code() == ErrorCode.IDEMPOTENCY_KEY_REUSED)
                .recoverWithItem(e -> ok(AgentService.otherData(r)));
    }

    private static boolean authenticated(String agent, AgentsConfig.Agent peer, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            return Signatures.same(agent + ":" + peer.secret(), pair);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response ok(AgentAnswer answer) {
        return Response.ok(answer.xml(), AgentRefusals.XML).build();
    }

    private static Uni<Response> xml(AgentAnswer answer) {
        return Uni.createFrom().item(ok(answer));
    }
}
