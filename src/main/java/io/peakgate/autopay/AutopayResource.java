package io.peakgate.autopay;

import io.peakgate.platform.error.Problem;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.peakgate.accounts.Accounts;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Autopay settings of one account (SPEC 4.4): the bound card that pays each bill billing issues. */
@Path("/v1/suppliers/{supplier}/accounts/{account}/autopay")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class AutopayResource {

    @Inject
    AutopayService autopay;

    @Inject
    Accounts access;

    @Inject
    CallerContext callers;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REFUSALS, value = "autopay.not_offered autopay.limit_too_high card.not_found card.payment_type_mismatch token.not_found")
    @Operation(operationId = "enableAutopay", summary = "Enable (or change) autopay with a bound card and a limit per charge",
            description = "Each bill on billing.bills.v1 is then charged once to the card (never above the limit); "
                    + "a soft decline is retried on a schedule. Setting it again replaces the card or limit.")
    public Uni<AutopayView> enable(@PathParam("supplier") String supplier, @PathParam("account") String account,
                                   @Valid @NotNull AutopayRequest body) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.CARDS_MANAGE);
        return access.resolve(caller, supplier, account)
                .chain(id -> autopay.enable(caller, supplier, account, id, body));
    }

    @GET
    @Extension(name = ContractFilter.REFUSALS, value = "autopay.not_found")
    @Operation(operationId = "getAutopay", summary = "The account's autopay and its latest charges (one per bill)")
    public Uni<AutopayView> get(@PathParam("supplier") String supplier, @PathParam("account") String account) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.CARDS_MANAGE);
        return access.resolve(caller, supplier, account).chain(id -> autopay.view(caller, supplier, account, id));
    }

    @DELETE
    @Extension(name = ContractFilter.REFUSALS, value = "autopay.not_found")
    @Operation(operationId = "disableAutopay", summary = "Disable autopay: no further charges, including retries already scheduled")
    // 204 on success: a client that accepts only the problem of a refusal is answered too
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Void> disable(@PathParam("supplier") String supplier, @PathParam("account") String account) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.CARDS_MANAGE);
        return access.resolve(caller, supplier, account)
                .chain(id -> autopay.disable(caller, supplier, account, id))
                .replaceWithVoid();
    }
}
