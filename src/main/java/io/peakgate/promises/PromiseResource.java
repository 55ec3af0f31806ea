package io.peakgate.promises;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestResponse;
import io.peakgate.accounts.Accounts;
import io.peakgate.idempotency.IdempotencyService;
import io.peakgate.idempotency.IdempotentRequest;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.OffsetDateTime;

/** The promised payment of one account (SPEC 4.4). */
@Path("/v1/suppliers/{supplier}/accounts/{account}/promised-payment")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class PromiseResource {

    @Inject
    Promises promises;

    @Inject
    PromiseRepository repository;

    @Inject
    Accounts access;

    @Inject
    IdempotencyService idempotency;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REFUSALS, value = "account.closed payment.currency_mismatch promise.not_offered promise.amount_too_large promise.too_long promise.already_active promise.overdue")
    @APIResponse(responseCode = "201", description = "The promise; Location reads the open promise",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromiseView.class)))
    @Operation(operationId = "takePromisedPayment", summary = "Take a promised payment: a short credit so service continues",
            description = "201 with the promise. One at a time: 409 promise.already_active while one runs, 409 "
                    + "promise.overdue while an ended one is unpaid. Amount and days are limited per supplier. "
                    + "Payments to the account cover it; it is published on billing.promises.v1.")
    public Uni<RestResponse<PromiseView>> grant(@PathParam("supplier") String supplier, @PathParam("account") String account,
                               @HeaderParam(IdempotencyService.HEADER) String key, @Valid @NotNull PromiseRequest body,
                               @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.PAYMENTS_WRITE);
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(), body);
        return access.resolveOpen(caller, supplier, account)
                .chain(accountId -> idempotency.execute(request,
                        guard -> promises.grant(caller, supplier, account, accountId, body, guard)))
                .map(result -> result.created(promise -> UriBuilder
                        .fromPath("/v1/suppliers/{supplier}/accounts/{account}/promised-payment").build(supplier, account)));
    }

    @GET
    @Extension(name = ContractFilter.REFUSALS, value = "route.not_found")
    @Operation(operationId = "getPromisedPayment", summary = "The account's open promised payment (active or overdue); 404 when there is none")
    public Uni<PromiseView> current(@PathParam("supplier") String supplier, @PathParam("account") String account) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        return access.resolve(caller, supplier, account)
                .chain(accountId -> repository.open(accountId))
                .map(p -> {
                    if (p == null) {
                        throw new ProblemException(ErrorCode.ROUTE_NOT_FOUND, "The account has no open promised payment");
                    }
                    return PromiseView.of(supplier, account, p, OffsetDateTime.now(clock));
                });
    }
}
