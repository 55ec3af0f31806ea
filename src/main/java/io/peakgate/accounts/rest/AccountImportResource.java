package io.peakgate.accounts.rest;

import io.peakgate.accounts.service.AccountImport;
import io.peakgate.accounts.service.AccountImportSummary;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.openapi.ContractFilter;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.platform.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The bulk import of a supplier's accounts, holders and meters from billing (SPEC 4.5): the first load, and any
 * full re-load. Needs the {@code admin} scope and a grant of the supplier.
 */
@Path("/v1/admin/suppliers/{supplier}/accounts")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "apiKey")
public class AccountImportResource {

    static final String NDJSON = "application/x-ndjson";

    private static final Logger LOG = Logger.getLogger(AccountImportResource.class);

    @Inject
    AccountImport imports;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @PUT
    @Blocking
    @Consumes({"text/csv", NDJSON})
    @Extension(name = ContractFilter.REFUSALS, value = "import.invalid_line request.too_large request.unsupported_media_type")
    @APIResponse(responseCode = "200", description = "The file was applied: what it did, counted in accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountImportSummary.class)))
    @Operation(operationId = "importAccounts", summary = "Import the supplier's accounts, holders and meters (CSV or NDJSON)",
            description = "Billing's accounts as of `asOf`, streamed into PostgreSQL (its size does not matter to memory; "
                    + "up to 4 GiB by default) and applied in one transaction: a bad line is 422 import.invalid_line "
                    + "naming the line (the CSV header is line 1) and the field, and nothing of the file is kept.\n\n"
                    + "CSV (RFC 4180, UTF-8, a header row): account,holder,address,last_payment_amount,last_payment_at,"
                    + "closed,meter,service,digits,register,last_value,usual_consumption, one row per register with the "
                    + "account's and the meter's fields repeated; an account without meters is one row with the meter "
                    + "columns empty; an account's rows are contiguous. NDJSON: one account per line, "
                    + "{\"account\",\"holder\",\"address\",\"lastPayment\":{\"amount\",\"at\"},\"closed\",\"meters\":"
                    + "[{\"meter\",\"service\",\"digits\",\"registers\":[{\"register\",\"lastValue\",\"usualConsumption\"}]}]}.\n\n"
                    + "An account is applied only if asOf is not before billing's time already applied to it. The meters "
                    + "listed are all the account has (one not listed is marked removed; a listed one comes back); a "
                    + "register's lastValue replaces the gateway's only if the gateway accepted no reading of it after "
                    + "asOf; usual consumption always applies; closed true closes the account, false reopens it.\n\n"
                    + "No Idempotency-Key: the PUT is idempotent by itself. Importing the same file again changes no row "
                    + "and answers every account unchanged.")
    public AccountImportSummary importAccounts(
            @PathParam("supplier") String supplier,
            @Parameter(description = "Billing's time of the file (an ISO instant, not in the future); default: now")
            @QueryParam("asOf") String asOf,
            @Context HttpHeaders headers,
            @RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING))})
            InputStream body) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.ADMIN);
        Instant now = Clocks.now(clock).toInstant();
        Instant at = asOf(asOf, now);
        AccountImport.Format format = NDJSON.equals(headers.getMediaType().getType() + "/" + headers.getMediaType().getSubtype())
                ? AccountImport.Format.NDJSON : AccountImport.Format.CSV;
        // blocking (the body is read and copied as it arrives): this method runs on a worker thread
        AccountImportSummary summary = imports.importAccounts(supplier, at, format, body);
        LOG.infof("Imported %s accounts of %s as of %s: %d received, %d created, %d updated, %d unchanged, %d closed",
                format, supplier, at, summary.received(), summary.created(), summary.updated(), summary.unchanged(),
                summary.closed());
        return summary;
    }

    private static Instant asOf(String asOf, Instant now) {
        if (asOf == null || asOf.isBlank()) {
            return now;
        }
        try {
            Instant at = Instant.parse(asOf);
            if (at.isAfter(now)) {
                throw invalidAsOf("must not be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw invalidAsOf("must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static ProblemException invalidAsOf(String message) {
        return new ProblemException(ErrorCode.REQUEST_INVALID, "asOf " + message, List.of(new FieldError("asOf", message)));
    }
}
