package io.peakgate.payments.reconciliation;

import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation with a provider's settlement registry for one day: import (streamed, idempotent:
 * importing a day again replaces it) and the report. Needs the {@code reconciliation} scope and a grant
 * of every supplier the provider collects for (the registry spans them); otherwise the provider is not found.
 */
@Path("/v1/reconciliation/{provider}/{date}")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation")
@SecurityRequirement(name = "apiKey")
public class ReconciliationResource {

    private static final Logger LOG = Logger.getLogger(ReconciliationResource.class);

    @Inject
    RegistryImport imports;

    @Inject
    ReconciliationService reports;

    @Inject
    ProviderRegistry providers;

    @Inject
    CallerContext callers;

    @Inject
    Suppliers suppliers;

    @PUT
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Extension(name = ContractFilter.REFUSALS, value = "reconciliation.invalid_line reconciliation.provider_unknown request.too_large request.unsupported_media_type")
    @Operation(operationId = "importRegistry", summary = "Import the provider's settlement registry for the day (CSV), then match it",
            description = "Generic layout: a header row naming reference, amount (minor units) and currency; other "
                    + "columns are ignored. Streamed into PostgreSQL, so its size does not matter to memory. Importing "
                    + "the same day again replaces the registry and its findings. 200 with the report; a bad line is "
                    + "422 reconciliation.invalid_line naming the line, and nothing is kept.")
    public Uni<ReconciliationReport> importRegistry(@PathParam("provider") String provider,
                                                    @PathParam("date") String date, InputStream body) {
        LocalDate day = check(provider, date);
        // blocking (the body is read and copied as it arrives): this method runs on a worker thread
        RegistryImport.Imported imported = imports.importRegistry(provider, day, body);
        LOG.infof("Imported the %s registry of %s: %d lines, total %d", provider, day, imported.lines(), imported.total());
        return reports.report(provider, day);
    }

    @POST
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Extension(name = ContractFilter.REFUSALS, value = "reconciliation.invalid_line reconciliation.provider_unknown request.too_large request.unsupported_media_type")
    @Operation(operationId = "importRegistryByPost", summary = "The same as PUT (for clients that can only POST an upload)")
    public Uni<ReconciliationReport> importRegistryByPost(@PathParam("provider") String provider,
                                                          @PathParam("date") String date, InputStream body) {
        return importRegistry(provider, date, body);
    }

    @GET
    @Extension(name = ContractFilter.REFUSALS, value = "reconciliation.provider_unknown reconciliation.not_found")
    @Operation(operationId = "getReconciliationReport", summary = "The day's report: matched, missing on our side, missing on theirs, amount mismatches, "
            + "and payments flagged by callbacks")
    public Uni<ReconciliationReport> report(@PathParam("provider") String provider, @PathParam("date") String date) {
        return reports.report(provider, check(provider, date));
    }

    private LocalDate check(String provider, String date) {
        Caller caller = callers.get();
        caller.requireScope(Scope.RECONCILIATION);
        // a provider's registry spans every supplier it collects for: only a key granted all of them reads or replaces it
        if (!providers.known(provider) || !caller.suppliers().containsAll(suppliers.all().entrySet().stream()
                .filter(s -> providers.provider(provider).serves(s.getValue())).map(Map.Entry::getKey).toList())) {
            throw new ProblemException(ErrorCode.RECONCILIATION_PROVIDER_UNKNOWN, "No payment provider '"
                    + (provider.length() > 40 ? provider.substring(0, 40) + "..." : provider) + "'");
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "date must be a day like 2026-11-23",
                    List.of(new FieldError("date", "must be an ISO date (YYYY-MM-DD)")));
        }
    }
}
