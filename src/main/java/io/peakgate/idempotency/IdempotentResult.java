package io.peakgate.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Either the fresh result of an operation, or the replay of the first response to the same key. */
public sealed interface IdempotentResult<T> {

    String REPLAYED_HEADER = "Idempotent-Replayed";

    Response toResponse();

    record Fresh<T>(int status, T body) implements IdempotentResult<T> {
        @Override
        public Response toResponse() {
            return Response.status(status).entity(body).build();
        }
    }

    record Replayed<T>(StoredResponse stored) implements IdempotentResult<T> {
        @Override
        public Response toResponse() {
            return Response.status(stored.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(stored.body())
                    .header(REPLAYED_HEADER, "true").build();
        }
    }
}
