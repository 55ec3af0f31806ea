package io.peakgate.billing.rest;

import io.peakgate.billing.Outbox;
import io.peakgate.billing.OutboxBacklog;
import io.peakgate.platform.openapi.ContractFilter;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/admin/outbox} (scope {@code admin}): the outbox's backlog and lag, gateway-wide (events of
 * every supplier share the relay, so its lag is everyone's; counts per topic say nothing of any one account).
 */
@Path("/v1/admin/outbox")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "apiKey")
public class OutboxResource {

    @Inject
    Outbox outbox;

    @Inject
    CallerContext callers;

    @GET
    @Extension(name = ContractFilter.REFUSALS, value = "auth.scope_missing")
    @APIResponse(responseCode = "200", description = "Unsent events in all and per topic, and the oldest one's age",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboxBacklog.class)))
    @Operation(operationId = "getOutboxBacklog", summary = "The outbox backlog and the relay's lag")
    public Uni<OutboxBacklog> backlog() {
        callers.get().requireScope(Scope.ADMIN);
        return outbox.backlog();
    }
}
