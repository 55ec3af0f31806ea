package io.peakgate.payments.rest;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    @Extension(name = ContractFilter.REFUSALS, value = "auth.supplier_forbidden supplier.not_found account.not_found account.closed payment.currency_mismatch payment.amount_too_small payment.amount_too_large payment.method_unsupported payment.card_data_refused payment.return_url_not_registered payment.provider_unknown provider.unavailable card.invalid_number card.brand_unsupported card.expired token.not_found card.not_found card.payment_type_mismatch card.new_supplier subscriber.required subscriber.not_found")
    @APIResponse(responseCode = "201", description = "The payment: a card payment is requires_action with action.url (the 3-D Secure challenge)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentView.class)))
    @Operation(operationId = "createPayment", summary = "Start a payment",
            description = "201 with the payment; a card payment is requires_action with action.url, the 3-D Secure "
                    + "challenge. Its final status arrives by the provider's callback.")
    public Uni<RestResponse<PaymentView>> create(@HeaderParam(IdempotencyService.HEADER) String key, @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PaymentRequest.class), examples = {
                    @ExampleObject(name = "card", summary = "By card (3-D Secure follows)", value = """
                            {"supplier": "esplus", "account": "3300000001", "amount": {"value": 42500, "currency": "RUB"}, "paymentType": "utilities", "subscriber": "user-1", "method": {"type": "card", "card": {"number": "4111 1111 1111 1111", "expMonth": 12, "expYear": 2030, "cvc": "123", "holder": "IVAN IVANOVA"}}}"""),
                    @ExampleObject(name = "cardToken", summary = "With a one-use token from POST /v1/tokens", value = """
                            {"supplier": "esplus", "account": "3300000001", "amount": {"value": 42500, "currency": "RUB"}, "method": {"type": "card_token", "token": "tok_2b1f9c0d8e7a"}}"""),
                    @ExampleObject(name = "wallet", summary = "From a wallet (a confirmation page follows)", value = """
                            {"supplier": "esplus", "account": "3300000001", "amount": {"value": 42500, "currency": "RUB"}, "method": {"type": "wallet", "provider": "yoomoney"}}""")}))
                                @Valid @NotNull PaymentRequest body,
                                @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.require(body.supplier(), Scope.PAYMENTS_WRITE);
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(),
                body.forFingerprint());
        return access.check(caller, body.supplier(), body.account())
                .chain(() -> idempotency.execute(request, guard -> service.start(caller, body, guard)))
                .map(result -> result.created(payment -> UriBuilder.fromPath("/v1/payments/{id}")
                        .build(payment.path("id").asText())));
    }

    @GET
    @Path("/{id}")
    @Extension(name = ContractFilter.REFUSALS, value = "payment.not_found")
    @Operation(operationId = "getPayment", summary = "A payment and its current status")
    public Uni<PaymentView> get(@PathParam("id") UUID id) {
        return service.view(callers.get(), id);
    }

    @POST
    @Path("/{id}/refunds")
    @Extension(name = ContractFilter.REFUSALS, value = "payment.not_found refund.not_allowed refund.exceeds_captured refund.not_supported provider.unavailable payment.illegal_transition")
    @APIResponse(responseCode = "201", description = "The refund; Location is its payment, which shows the refunded total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundView.class)))
    @Operation(operationId = "refundPayment", summary = "Refund all or part of a succeeded payment (never above what was captured)")
    public Uni<RestResponse<RefundView>> refund(@PathParam("id") UUID id, @HeaderParam(IdempotencyService.HEADER) String key,
                                @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefundRequest.class), examples = {
                    @ExampleObject(name = "partial", summary = "Part of the payment", value = """
                            {"amount": {"value": 10000, "currency": "RUB"}, "reason": "overpaid"}""")}))
                                @Valid @NotNull RefundRequest body, @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.requireScope(Scope.PAYMENTS_REFUND);
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(), body);
        return idempotency.execute(request, guard -> service.refund(caller, id, body, guard))
                .map(result -> result.created(refund -> UriBuilder.fromPath("/v1/payments/{id}").build(id)));
    }
}
