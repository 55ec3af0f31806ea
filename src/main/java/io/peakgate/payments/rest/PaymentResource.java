package io.peakgate.payments.rest;

import io.peakgate.accounts.Accounts;
import io.peakgate.idempotency.IdempotencyService;
import io.peakgate.idempotency.IdempotentRequest;
import io.peakgate.payments.Payments;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Payments by card (3-D Secure), card token and wallet (SPEC 4.2). */
@Path("/v1/payments")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
@SecurityRequirement(name = "apiKey")
public class PaymentResource {

    @Inject
    Payments service;

    @Inject
    IdempotencyService idempotency;

    @Inject
    CallerContext callers;

    @Inject
    Accounts access;

    @POST
    @Operation(operationId = "createPayment", summary = "Start a payment",
            description = "201 with the payment; a card payment is requires_action with action.url, the 3-D Secure "
                    + "challenge. Its final status arrives by the provider's callback.")
    public Uni<Response> create(@HeaderParam(IdempotencyService.HEADER) String key, @Valid @NotNull PaymentRequest body,
                                @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.require(body.supplier(), Scope.PAYMENTS_WRITE);
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(),
                body.forFingerprint());
        return access.check(caller, body.supplier(), body.account())
                .chain(() -> idempotency.execute(request, guard -> service.start(caller, body, guard)))
                .map(result -> result.toResponse());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPayment", summary = "A payment and its current status")
    public Uni<PaymentView> get(@PathParam("id") UUID id) {
        return service.view(callers.get(), id);
    }

    @POST
    @Path("/{id}/refunds")
    @Operation(operationId = "refundPayment", summary = "Refund all or part of a succeeded payment (never above what was captured)")
    public Uni<Response> refund(@PathParam("id") UUID id, @HeaderParam(IdempotencyService.HEADER) String key,
                                @Valid @NotNull RefundRequest body, @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.requireScope(Scope.PAYMENTS_REFUND);
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(), body);
        return idempotency.execute(request, guard -> service.refund(caller, id, body, guard))
                .map(result -> result.toResponse());
    }
}
