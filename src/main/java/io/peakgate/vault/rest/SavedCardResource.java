package io.peakgate.vault.rest;

import io.peakgate.platform.error.Problem;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.vault.service.BoundCards;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** A portal subscriber's saved cards (SPEC 4.2): list, remove one, remove all on a password reset. */
@Path("/v1/subscribers/{subscriber}/cards")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cards")
@SecurityRequirement(name = "apiKey")
public class SavedCardResource {

    private static final String SUBSCRIBER = "[A-Za-z0-9._@:-]{1,128}";

    /** How many saved cards were removed. */
    public record RevokedCards(int revoked) {
    }

    @Inject
    BoundCards cards;

    @Inject
    CallerContext callers;

    @GET
    @Operation(operationId = "listSavedCards", summary = "The subscriber's saved cards (brand, first six, last four, expiry, payment type)")
    public Uni<List<SavedCardView>> list(@PathParam("subscriber") @Pattern(regexp = SUBSCRIBER) String subscriber) {
        Caller caller = callers.get();
        caller.requireScope(Scope.CARDS_MANAGE);
        caller.actFor(subscriber);
        return cards.list(caller.clientId(), subscriber).map(rows -> rows.stream().map(SavedCardView::of).toList());
    }

    @DELETE
    @Path("/{token}")
    @Extension(name = ContractFilter.REFUSALS, value = "card.not_found")
    @Operation(operationId = "removeSavedCard", summary = "Remove a saved card")
    // 204 on success: a client that accepts only the problem of a refusal is answered too
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Void> remove(@PathParam("subscriber") @Pattern(regexp = SUBSCRIBER) String subscriber,
                                @PathParam("token") String token) {
        Caller caller = callers.get();
        caller.requireScope(Scope.CARDS_MANAGE);
        caller.actFor(subscriber);
        return cards.remove(caller.clientId(), subscriber, token).replaceWithVoid();
    }

    @POST
    @Path("/revoke-all")
    @Operation(operationId = "revokeAllSavedCards", summary = "Remove all the subscriber's saved cards at once (on a password reset)")
    public Uni<RevokedCards> revokeAll(@PathParam("subscriber") @Pattern(regexp = SUBSCRIBER) String subscriber) {
        Caller caller = callers.get();
        caller.requireScope(Scope.CARDS_MANAGE);
        caller.actFor(subscriber);
        return cards.revokeAll(caller.clientId(), subscriber).map(RevokedCards::new);
    }
}
