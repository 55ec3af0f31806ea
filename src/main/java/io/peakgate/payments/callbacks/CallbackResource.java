package io.peakgate.payments.callbacks;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.peakgate.platform.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.peakgate.payments.NotificationOutcome;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.ProviderRegistry;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /v1/callbacks/{provider}}: verify the signature on the raw bytes, store the
 * notification in the inbox (a duplicate is dropped), acknowledge as the provider expects, and
 * apply it asynchronously. Nothing is stored when the signature fails.
 */
@Path("/v1/callbacks/{provider}")
@Tag(name = "Provider callbacks")
public class CallbackResource {

    @Inject
    ProviderRegistry registry;

    @Inject
    CallbackInbox inbox;

    @Inject
    CallbackProcessor processor;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @RequestBody(required = true, description = "The provider's notification in its own format, verified over its raw "
            + "bytes before any field is read",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {CallbackFormats.TBank.class,
                            CallbackFormats.Sandbox.class})),
                    @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema = @Schema(implementation = CallbackFormats.Form.class))})
    @APIResponse(responseCode = "200", description = "Received (a duplicate too), in the provider's own answer: T-Bank "
            + "`OK`, WebMoney `YES` to a pre-request, the sandbox `{\"received\":true}`, an empty 200 for LiqPay and YooMoney",
            content = {@Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallbackFormats.Received.class))})
    @Extension(name = ContractFilter.REFUSALS, value = "callback.signature_invalid callback.stale callback.malformed callback.provider_unknown request.too_large")
    @Operation(operationId = "receiveCallback", summary = "A payment provider's notification (LiqPay, T-Bank, YooMoney, WebMoney, sandbox)")
    public Uni<Response> receive(@PathParam("provider") String provider, byte[] body, @Context HttpHeaders headers) {
        CallbackProtocol protocol = registry.protocol(provider).orElseThrow(() -> new ProblemException(
                ErrorCode.CALLBACK_PROVIDER_UNKNOWN, "No provider '" + provider + "'"));
        RawCallback raw = new RawCallback(body == null ? new byte[0] : body, headers::getHeaderString, Instant.now(clock));
        var early = protocol.preflight(raw);
        if (early.isPresent()) {
            return early.get();
        }
        Notification notification;
        try {
            notification = protocol.verify(raw);
        } catch (ProblemException e) {
            metrics.counter("peakgate.callbacks", "provider", provider, "outcome", e.code().code()).increment();
            throw e;
        }
        return inbox.store(pool, notification).map(fresh -> {
            metrics.counter("peakgate.callbacks", "provider", provider, "outcome", fresh ? CallbackInbox.Status.RECEIVED.wire()
                            : NotificationOutcome.DUPLICATE.wire())
                    .increment();
            if (fresh) {
                processor.kick(notification);
            }
            return protocol.acknowledge(notification);
        });
    }
}
