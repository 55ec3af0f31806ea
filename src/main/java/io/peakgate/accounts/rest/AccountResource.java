package io.peakgate.accounts.rest;

import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.platform.security.AllowsVerificationToken;
import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.service.AccountService;
import io.peakgate.accounts.BalanceLedger;
import io.peakgate.accounts.BalanceView;
import io.peakgate.accounts.service.OperationsPage;
import io.peakgate.accounts.service.StatementRenderer;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

/** An account's balance, history and printable statement (SPEC 4.4). */
@Path("/v1/suppliers/{supplier}/accounts/{account}")
@PortalApi
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class AccountResource {

    @Inject
    Accounts access;

    @Inject
    AccountService accounts;

    @Inject
    BalanceLedger balances;

    @Inject
    CallerContext callers;

    @GET
    @Path("/balance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getBalance", summary = "Debt (positive) or credit (negative): billing's last snapshot plus payments accepted since")
    @AllowsVerificationToken
    public Uni<BalanceView> balance(@PathParam("supplier") String supplier, @PathParam("account") String account) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        return access.resolve(caller, supplier, account).chain(id -> balances.balance(supplier, account, id));
    }

    @GET
    @Path("/operations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listOperations", summary = "Payments, refunds and readings, newest first, 12 months by default, keyset-paginated")
    public Uni<OperationsPage> operations(@PathParam("supplier") String supplier, @PathParam("account") String account,
                                          @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                                          @QueryParam("kind") List<String> kinds, @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        requireAccountCaller(caller);
        return access.resolve(caller, supplier, account)
                .chain(id -> accounts.history(supplier, account, id, from, to, kinds, cursor, limit));
    }

    @GET
    @Path("/statement")
    @Produces({"application/pdf", "text/csv"})
    @Extension(name = ContractFilter.REFUSALS, value = "request.not_acceptable")
    @Operation(operationId = "getStatement", summary = "The printable statement of money operations (Accept: application/pdf or text/csv)")
    @APIResponse(responseCode = "200", description = "The statement as a file (Content-Disposition: attachment)",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"statement-<supplier>-<account>.pdf\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> statement(@PathParam("supplier") String supplier, @PathParam("account") String account,
                                   @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                                   @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ACCOUNTS_READ);
        requireAccountCaller(caller);
        // CSV when it is asked for before (or without) PDF; a client listing both, PDF first, gets the PDF
        boolean csv = accept != null && accept.contains("text/csv")
                && (!accept.contains("application/pdf") || accept.indexOf("text/csv") < accept.indexOf("application/pdf"));
        String file = "statement-" + supplier + "-" + account + (csv ? ".csv" : ".pdf");
        return access.resolve(caller, supplier, account)
                .chain(id -> accounts.statement(supplier, account, id, from, to))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // a file, not a view: its bytes are written as they are
                .map(statement -> csv
                        ? Response.ok(StatementRenderer.csv(statement), "text/csv;charset=UTF-8")
                        : Response.ok(StatementRenderer.pdf(statement), "application/pdf"))
                .map(r -> r.header("Content-Disposition", "attachment; filename=\"" + file + "\"").build());
    }

    /** A verification token shows the balance only; history needs a portal. */
    private static void requireAccountCaller(Caller caller) {
        if (caller.kind() == Caller.Kind.VERIFIED_SUBSCRIBER) {
            caller.requireScope(Scope.ADMIN);
        }
    }
}
