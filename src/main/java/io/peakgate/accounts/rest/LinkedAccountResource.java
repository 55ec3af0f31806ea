package io.peakgate.accounts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestResponse;
import io.peakgate.platform.money.MoneyRequest;
import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.service.AccountService;
import io.peakgate.accounts.service.ProofAttempts;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * A portal subscriber's linked accounts (several, of several suppliers), each linked with the same proof as
 * verification and under the same budgets ({@link ProofAttempts}: per client address, per account, and per
 * subscriber), so linking cannot be used to guess what verification refuses to.
 */
@Path("/v1/subscribers/{subscriber}/accounts")
@PortalApi
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class LinkedAccountResource {

    private static final String SUBSCRIBER = "[A-Za-z0-9._@:-]{1,128}";

    public record LinkRequest(@NotBlank @Size(max = 64) String supplier, @NotBlank @Size(max = 64) String account,
                              @Size(max = 128) String surname,
                              @Valid MoneyRequest lastPaymentAmount) {
    }

    /** An account linked to a subscriber. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkedAccount(String subscriber, String supplier, String account) {
    }

    @Inject
    AccountService accounts;

    @Inject
    Accounts links;

    @Inject
    ProofAttempts attempts;


    @Inject
    CallerContext callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REFUSALS, value = "auth.supplier_forbidden supplier.not_found account.not_found verification.failed rate.limited")
    @APIResponse(responseCode = "201", description = "The account is linked; Location lists the subscriber's accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkedAccount.class)))
    @Operation(operationId = "linkAccount", summary = "Link an account to the subscriber, proving knowledge of it")
    public Uni<RestResponse<LinkedAccount>> link(@PathParam("subscriber") @Pattern(regexp = SUBSCRIBER) String subscriber,
                              @Valid @NotNull LinkRequest body, @Context HttpServerRequest request) {
        Caller caller = callers.get();
        caller.require(body.supplier(), Scope.ACCOUNTS_READ);
        caller.actFor(subscriber);
        return attempts.link(request, caller.clientId(), subscriber, body.supplier(), body.account())
                .chain(() -> accounts.verify(body.supplier(), body.account(), body.surname(),
                        body.lastPaymentAmount() == null ? null : body.lastPaymentAmount().value()))
                .chain(id -> links.link(caller.clientId(), subscriber, id))
                .replaceWith(RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED,
                                new LinkedAccount(subscriber, body.supplier(), body.account()))
                        .location(UriBuilder.fromPath("/v1/subscribers/{subscriber}/accounts").build(subscriber)).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLinkedAccounts", summary = "The subscriber's linked accounts")
    public Uni<List<LinkedAccount>> list(@PathParam("subscriber") @Pattern(regexp = SUBSCRIBER) String subscriber) {
        Caller caller = callers.get();
        caller.requireScope(Scope.ACCOUNTS_READ);
        caller.actFor(subscriber);
        return links.linked(caller.clientId(), subscriber)
                .map(rows -> rows.stream().map(r -> new LinkedAccount(subscriber, r.supplier(), r.account())).toList());
    }
}
