package io.peakgate.readings.rest;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.peakgate.accounts.Accounts;
import io.peakgate.idempotency.IdempotencyService;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.Problem;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.AllowsVerificationToken;
import io.peakgate.platform.security.VerificationReadings;
import io.peakgate.idempotency.IdempotentRequest;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.readings.mapping.ReadingMapper;
import io.peakgate.readings.service.ReadingService;
import io.peakgate.readings.ReadingResponse;
import io.peakgate.readings.ReadingSubmission;
import io.peakgate.idempotency.IdempotentResult;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Meter readings from portals (SPEC 4.1): single submissions with check-then-confirm, and batches. */
@Path("/v1/suppliers/{supplier}")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Readings")
@SecurityRequirement(name = "apiKey")
public class ReadingResource {

    @Inject
    ReadingService service;

    @Inject
    IdempotencyService idempotency;

    @Inject
    CallerContext callers;

    @Inject
    Accounts access;

    @Inject
    VerificationReadings verifiedReadings;

    @POST
    @Path("/accounts/{account}/readings")
    @Extension(name = ContractFilter.REFUSALS, value = "account.closed meter.not_found register.unknown register.missing register.duplicate reading.not_integer reading.negative reading.exceeds_capacity reading.below_previous reading.implausible reading.window_closed verification.reading_used")
    @APIResponse(responseCode = "201", description = "The accepted reading; a retry with the same key answers it again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadingResponse.class)))
    @APIResponse(responseCode = "200", description = "dryRun=true: the check (consumption, estimated charge), nothing stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadingResponse.class)))
    @Operation(operationId = "submitReading", summary = "Submit a meter reading",
            description = "201 with the reading, or with ?dryRun=true a 200 check that stores nothing. "
                    + "Requires an Idempotency-Key unless dryRun.")
    @AllowsVerificationToken
    public Uni<RestResponse<ReadingResponse>> submit(@PathParam("supplier") String supplier, @PathParam("account") String account,
                                @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                                @Parameter(description = "Unique per intended operation, e.g. a UUID")
                                @HeaderParam(IdempotencyService.HEADER) String key,
                                @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReadingRequest.class), examples = {
                    @ExampleObject(name = "single", summary = "One register", value = """
                            {"meter": "E-1", "values": [{"register": "T1", "value": 12345}]}"""),
                    @ExampleObject(name = "dayNight", summary = "A day/night meter: all its registers together", value = """
                            {"meter": "E-2", "values": [{"register": "T1", "value": 5120}, {"register": "T2", "value": 2210}], "source": "portal"}""")}))
                                @Valid @NotNull ReadingRequest body, @Context UriInfo uri) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.READINGS_WRITE);
        ReadingSubmission submission = ReadingMapper.toSubmission(account, body);
        Uni<Void> allowed = access.check(caller, supplier, account);
        if (dryRun) {
            return allowed.chain(() -> service.check(supplier, submission)).map(RestResponse::ok);
        }
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(), body);
        return allowed.chain(() -> idempotency.execute(request, guard -> service.submit(caller.clientId(), supplier,
                        submission, verifiedReadings.spends(caller)
                                ? guard.alsoClaiming(conn -> verifiedReadings.spend(conn, caller)) : guard)))
                .map(result -> result.created(reading -> UriBuilder.fromPath("/v1/suppliers/{supplier}/accounts/{account}/operations")
                        .queryParam("kind", "reading").build(supplier, account)));
    }

    @POST
    @Path("/readings/batch")
    @Operation(operationId = "submitReadingBatch", summary = "Submit up to 1,000 readings of many accounts",
            description = "200 with one result per item, in order: the accepted reading or its problem.")
    public Uni<RestResponse<BatchResponse>> batch(@PathParam("supplier") String supplier,
                               @HeaderParam(IdempotencyService.HEADER) String key,
                               @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class), examples = {
                    @ExampleObject(name = "twoAccounts", summary = "Readings of two accounts", value = """
                            {"readings": [{"account": "3300000001", "meter": "E-1", "values": [{"register": "T1", "value": 12345}]}, {"account": "3300000002", "meter": "E-1", "values": [{"register": "T1", "value": 880}]}]}""")}))
                                @Valid @NotNull BatchRequest body, @Context UriInfo uri,
                               @Context HttpServerRequest http) {
        Caller caller = callers.get();
        caller.require(supplier, Scope.READINGS_WRITE);
        if (!caller.reachesAllAccounts()) {
            throw new ProblemException(ErrorCode.AUTH_SCOPE_MISSING, "Batches are for a supplier's own portal");
        }
        List<ReadingSubmission> submissions = body.readings().stream().map(ReadingMapper::toSubmission).toList();
        IdempotentRequest request = idempotency.request(caller.clientId(), key, "POST", uri.getPath(), body);
        return idempotency.execute(request,
                        guard -> service.submitBatch(caller.clientId(), supplier, submissions, guard,
                                Problem.instance(http)))
                .map(IdempotentResult::toRestResponse);
    }
}
