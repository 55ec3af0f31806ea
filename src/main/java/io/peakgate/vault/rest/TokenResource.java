package io.peakgate.vault.rest;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.jboss.resteasy.reactive.RestResponse;
import io.peakgate.vault.CardRequest;
import io.peakgate.platform.security.AllowsPublishableKey;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.peakgate.platform.security.Scope;
import io.peakgate.vault.CardData;
import io.peakgate.vault.CardNumber;
import io.peakgate.vault.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/** Tokenises a card for one payment (SPEC 4.2): the portal never has to send the number twice. */
@Path("/v1/tokens")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards")
@SecurityRequirement(name = "apiKey")
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @POST
    @Extension(name = ContractFilter.REFUSALS, value = "card.invalid_number card.brand_unsupported card.expired")
    @APIResponse(responseCode = "201", description = "A one-use token for the card (short TTL); the card number is not kept past it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenService.Tokenised.class)))
    @Operation(operationId = "createCardToken", summary = "Tokenise a card for one use (short TTL); the CVC is never kept")
    @AllowsPublishableKey
    public Uni<RestResponse<TokenService.Tokenised>> tokenise(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CardRequest.class), examples = {
                    @ExampleObject(name = "visa", summary = "A test Visa card", value = """
                            {"number": "4111 1111 1111 1111", "expMonth": 12, "expYear": 2030, "cvc": "123", "holder": "IVAN IVANOVA"}""")}))
                                @Valid @NotNull CardRequest card) {
        Caller caller = callers.get();
        caller.requireScope(Scope.PAYMENTS_WRITE);
        CardData data = CardData.of(CardNumber.parse(card.number(), "number"), card.expMonth(), card.expYear(),
                card.holder(), null, YearMonth.now(clock), "");
        return tokens.tokenise(caller.clientId(), data, OffsetDateTime.now(clock))
                .map(t -> RestResponse.status(RestResponse.Status.CREATED, t));
    }
}
