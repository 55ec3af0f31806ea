package io.peakgate.accounts.rest;

import io.peakgate.platform.security.AllowsPublishableKey;
import io.peakgate.accounts.service.AccountService;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.ratelimit.RateLimiter;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * {@code POST /v1/suppliers/{supplier}/verify}: a subscriber without an account on the portal proves
 * knowledge of one account and gets a short-lived token for it (its balance and one reading).
 * Rate-limited per address and per account; a missing account and a wrong proof look the same.
 */
@Path("/v1/suppliers/{supplier}/verify")
@PortalApi
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class VerificationResource {

    @Inject
    AccountService accounts;

    @Inject
    VerificationTokens tokens;

    @Inject
    RateLimiter limits;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prove knowledge of an account and get a 15-minute token for it")
    @AllowsPublishableKey
    public Uni<Map<String, Object>> verify(@PathParam("supplier") String supplier, @Valid @NotNull VerifyRequest body,
                                           @Context HttpServerRequest request) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        // a portal forwards its user's address; without one the caller's own address counts
        String forwarded = request.getHeader("X-Forwarded-For");
        String address = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].trim()
                : request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return limits.allow("verify:address:" + address, 60, Duration.ofMinutes(1))
                .chain(ok -> ok ? limits.allow("verify:account:" + supplier + ":" + body.account(), 5, Duration.ofMinutes(15))
                        : Uni.createFrom().item(false))
                .chain(ok -> {
                    if (!ok) {
                        throw new ProblemException(ErrorCode.RATE_LIMITED, "Too many verification attempts; try later");
                    }
                    return accounts.verify(supplier, body.account(), body.surname(),
                            body.lastPaymentAmount() == null ? null : body.lastPaymentAmount().value());
                })
                .chain(id -> tokens.issue(caller.clientId(), supplier, body.account()))
                .map(token -> Map.of("token", token, "supplier", supplier, "account", body.account(),
                        "expiresAt", OffsetDateTime.now(clock).plus(VerificationTokens.TTL).toString(),
                        "allows", java.util.List.of("balance", "one reading")));
    }
}
