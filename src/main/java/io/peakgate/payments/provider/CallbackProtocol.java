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

    /** The answer the provider expects once the callback is safely stored. */
    default Response acknowledge(Notification notification) {
        return Response.ok().build();
    }
}
