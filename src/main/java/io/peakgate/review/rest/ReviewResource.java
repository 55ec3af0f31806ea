package io.peakgate.review.rest;

import io.peakgate.platform.openapi.ContractFilter;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.review.ReviewDesk;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review desk (SPEC 4.5, scope {@code admin}): what needs a person, and its resolution. */
@Path("/v1/admin")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "apiKey")
public class ReviewResource {

    @Inject
    ReviewDesk desk;

    @Inject
    CallerContext callers;

    @GET
    @Path("/review")
    @Extension(name = ContractFilter.REFUSALS, value = "request.invalid")
    @APIResponse(responseCode = "200", description = "A page of items, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewPage.class)))
    @Operation(operationId = "listReviewItems", summary = "What needs a person: flagged payments, readings accepted as "
            + "implausible or late, SMS payments that matched no account",
            description = "Only items of the key's suppliers. Keyset-paginated: pass nextCursor as cursor for the next page.")
    public Uni<ReviewPage> list(
            @Parameter(description = "payment, reading or sms") @QueryParam("kind") @Size(max = 16) String kind,
            @QueryParam("supplier") @Size(max = 64) String supplier,
            @Parameter(description = "open or resolved (both when absent)") @QueryParam("status") @Size(max = 16) String status,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Caller caller = callers.get();
        caller.requireScope(Scope.ADMIN);
        return desk.list(caller, kind, supplier, status, cursor, limit);
    }

    @POST
    @Path("/review/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REFUSALS, value = "review.not_found review.already_resolved review.resolution_invalid review.account_required review.nothing_to_credit account.not_found")
    @APIResponse(responseCode = "200", description = "The item, resolved: who, when, why, and the credit it made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewItemView.class)))
    @Operation(operationId = "resolveReviewItem", summary = "Resolve an item once, saying why",
            description = "A credit tells billing (io.peakgate.payment.credited.v1 on billing.payments.v1) and a rejected "
                    + "reading too (io.peakgate.reading.rejected.v1 on billing.readings.v1), in the same transaction. "
                    + "A second resolution of the same item is 409 review.already_resolved.")
    public Uni<ReviewItemView> resolve(@PathParam("id") @Size(max = 200) String id,
                                       @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                               schema = @Schema(implementation = ResolveRequest.class), examples = {
                                               @ExampleObject(name = "dismiss", value = """
                                                       {"resolution": "dismiss", "reason": "duplicate callback, settled in the registry", "operator": "A. Petrova"}"""),
                                               @ExampleObject(name = "creditSms", value = """
                                                       {"resolution": "credit", "reason": "subscriber mistyped the contract", "account": "2256884759"}""")}))
                                       @Valid @NotNull ResolveRequest body) {
        Caller caller = callers.get();
        caller.requireScope(Scope.ADMIN);
        return desk.resolve(caller, id, body);
    }

    @GET
    @Path("/activity")
    @Extension(name = ContractFilter.REFUSALS, value = "request.invalid")
    @APIResponse(responseCode = "200", description = "Per-minute counts, every minute present",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @Operation(operationId = "getActivity", summary = "Readings and payments per minute over the last minutes (the console's peak chart)")
    public Uni<ActivityView> activity(@QueryParam("minutes") @DefaultValue("60") @Min(1) @Max(1440) int minutes) {
        Caller caller = callers.get();
        caller.requireScope(Scope.ADMIN);
        return desk.activity(caller, minutes);
    }
}
