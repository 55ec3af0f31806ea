package io.peakgate.clients.rest;

import io.peakgate.clients.ClientView;
import io.peakgate.clients.Clients;
import io.peakgate.platform.openapi.ContractFilter;
import io.peakgate.platform.security.CallerContext;
import io.peakgate.platform.security.PortalApi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * API clients and their keys (SPEC 4.5), for an admin key (scope {@code admin}): it manages only clients all
 * of whose suppliers it holds; any other is 404 client.not_found, as if it did not exist.
 */
@Path("/v1/admin/clients")
@PortalApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API clients")
@SecurityRequirement(name = "apiKey")
public class ClientResource {

    /** A client id in a path: what create accepts. */
    private static final String ID = "[a-z0-9][a-z0-9-]{1,63}";
    /** Key-bearing answers must not be kept by any cache between the gateway and the admin. */
    private static final String NO_STORE = "no-store";

    @Inject
    Clients clients;

    @Inject
    CallerContext callers;

    @POST
    @Extension(name = ContractFilter.REFUSALS, value = "client.exists client.scope_unknown client.supplier_unknown client.origin_invalid auth.supplier_forbidden")
    @APIResponse(responseCode = "201", description = "The client and its keys, shown this once; Location is the client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedKeysView.class)))
    @Operation(operationId = "createApiClient", summary = "Create an API client and its keys (shown once)",
            description = "Creates the client with a new secret key (and a publishable key when asked), answered this "
                    + "once: the gateway keeps only their SHA-256 hashes. It grants only suppliers the admin key holds. "
                    + "No Idempotency-Key is taken: replaying the first answer would mean keeping the key. A create is "
                    + "idempotent by its id instead: a retry gets 409 client.exists and changes nothing, and if the "
                    + "first answer was lost, rotate the client's key (grace PT0S) to get a new one.")
    public Uni<RestResponse<IssuedKeysView>> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateClientRequest.class), examples = @ExampleObject(name = "portal",
            summary = "A supplier's portal with a publishable key for its pages", value = """
                    {"id": "esplus-portal", "name": "Esplus personal cabinet", "suppliers": ["esplus"], "scopes": ["readings:write", "readings:read", "payments:write", "cards:manage", "accounts:read"], "kind": "supplier", "returnOrigins": ["https://my.esplus.example"], "publishable": true}""")))
                                                     @Valid @NotNull CreateClientRequest body) {
        return clients.create(callers.get(), body.spec())
                .map(keys -> RestResponse.ResponseBuilder.<IssuedKeysView>created(UriBuilder.fromPath("/v1/admin/clients/{id}")
                                .build(keys.client().id()))
                        .entity(IssuedKeysView.of(keys)).header("Cache-Control", NO_STORE).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "The clients this admin key manages, with their keys' ids (never a key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @Operation(operationId = "listApiClients", summary = "The API clients of the admin key's suppliers")
    public Uni<List<ClientView>> list() {
        return clients.list(callers.get());
    }

    @GET
    @Path("/{id}")
    @Extension(name = ContractFilter.REFUSALS, value = "client.not_found")
    @APIResponse(responseCode = "200", description = "The client and its keys' ids (never a key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @Operation(operationId = "getApiClient", summary = "An API client and its keys")
    public Uni<ClientView> get(@PathParam("id") @Pattern(regexp = ID) String id) {
        return clients.get(callers.get(), id);
    }

    @POST
    @Path("/{id}/rotate")
    @Extension(name = ContractFilter.REFUSALS, value = "client.not_found client.revoked client.grace_invalid")
    @APIResponse(responseCode = "200", description = "The new key, shown this once; the old one works until its expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedKeysView.class)))
    @Operation(operationId = "rotateApiKey", summary = "A new key; the old one keeps working for a grace period",
            description = "Makes a new secret key (or publishable key, with kind) answered this once; the client's "
                    + "current keys of that kind keep working for the grace period, then are refused with 401 "
                    + "auth.invalid on every instance. No Idempotency-Key: a retry makes another key and shortens "
                    + "nothing but the grace of the unused one from the first try.")
    public Uni<RestResponse<IssuedKeysView>> rotate(@PathParam("id") @Pattern(regexp = ID) String id,
                                                    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                                            schema = @Schema(implementation = RotateKeyRequest.class),
                                                            examples = @ExampleObject(name = "day", summary = "The old key works one more day",
                                                                    value = "{\"grace\": \"PT24H\"}")))
                                                    @Valid RotateKeyRequest body) {
        return clients.rotate(callers.get(), id, body == null ? null : body.kind(), body == null ? null : body.grace())
                .map(keys -> RestResponse.ResponseBuilder.ok(IssuedKeysView.of(keys)).header("Cache-Control", NO_STORE).build());
    }

    @POST
    @Path("/{id}/revoke")
    @Extension(name = ContractFilter.REFUSALS, value = "client.not_found")
    @APIResponse(responseCode = "200", description = "The revoked client: every key of it is refused from now on",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @Operation(operationId = "revokeApiClient", summary = "Revoke a client: all its keys are refused at once, everywhere",
            description = "Every key of the client is refused (401 auth.invalid) from the answer on, on every instance "
                    + "of the gateway within a second. Revoking again changes nothing (no Idempotency-Key needed).")
    public Uni<ClientView> revoke(@PathParam("id") @Pattern(regexp = ID) String id) {
        return clients.revoke(callers.get(), id);
    }
}
