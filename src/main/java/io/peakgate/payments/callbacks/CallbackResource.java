package io.peakgate.payments.callbacks;

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
