package io.peakgate.payments.provider;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * A provider's callback format: verifies the signature on the raw bytes in constant time
 * (throwing a coded problem when it fails, before anything is stored), rejects stale messages,
 * and says how the provider expects to be acknowledged.
 */
public interface CallbackProtocol {

    String provider();

    /** A message that is answered without being stored (e.g. WebMoney's pre-request): its answer, once known. */
    default Optional<Uni<Response>> preflight(RawCallback callback) {
        return Optional.empty();
    }

    Notification verify(RawCallback callback);

    /**
     * The answer the provider expects once the callback is safely stored. Providers that only look at the status
     * (LiqPay, YooMoney) get {@link #RECEIVED}: a 200 with a short text, so every acknowledgement has the one
     * documented shape.
     */
    default Response acknowledge(Notification notification) {
        return RECEIVED.get();
    }

    /** 200 {@code OK} as text/plain. */
    java.util.function.Supplier<Response> RECEIVED = () -> Response.ok("OK", jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE).build();
}
