package io.peakgate.accounts.rest;

import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import java.util.List;
import io.peakgate.platform.security.AllowsPublishableKey;
import io.peakgate.accounts.service.AccountService;
import io.peakgate.accounts.service.ProofAttempts;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.platform.security.VerificationTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * {@code POST /v1/suppliers/{supplier}/verify}: a subscriber without an account on the portal proves
 * knowledge of one account and gets a short-lived token for it (its balance and one reading).
 * Rate-limited per client address and per account ({@link ProofAttempts}, failing closed); a missing
 * account and a wrong proof look the same.
 */
@Path("/v1/suppliers/{supplier}/verify")
@PortalApi
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class VerificationResource {

    /** A 15-minute token for one account: its balance and one reading. */
    public record VerificationToken(String token, String supplier, String account, OffsetDateTime expiresAt,
                                    List<String> allows) {
    }

    @Inject
    AccountService accounts;

    @Inject
    VerificationTokens tokens;

    @Inject
    ProofAttempts attempts;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REFUSALS, value = "verification.failed rate.limited")
    @Operation(operationId = "verifyAccount", summary = "Prove knowledge of an account and get a 15-minute token for it")
    @AllowsPublishableKey
    public Uni<VerificationToken> verify(@PathParam("supplier") String supplier, @Valid @NotNull VerifyRequest body,
                                           @Context HttpServerRequest request) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        return attempts.verification(request, supplier, body.account())
                .chain(() -> accounts.verify(supplier, body.account(), body.surname(),
                        body.lastPaymentAmount() == null ? null : body.lastPaymentAmount().value()))
                .chain(id -> tokens.issue(caller.clientId(), supplier, body.account()))
                .map(token -> new VerificationToken(token, supplier, body.account(),
                        OffsetDateTime.now(clock).plus(VerificationTokens.TTL), List.of("balance", "one reading")));
    }
}
