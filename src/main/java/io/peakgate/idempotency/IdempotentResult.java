package io.peakgate.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Function;

/** Either the fresh result of an operation, or the replay of the first response to the same key. */
public sealed interface IdempotentResult<T> {

    String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The typed answer: the fresh body, or the first response's stored JSON again (marked Idempotent-Replayed). */
    RestResponse<T> toRestResponse();

    /**
     * The typed answer of a creation, with {@code Location} when it answered 201: {@code location} names the created
     * resource from the response's JSON (the same for the fresh answer and its replays).
     */
    default RestResponse<T> created(Function<JsonNode, URI> location) {
        RestResponse<T> response = toRestResponse();
        if (response.getStatus() != 201) {
            return response;
        }
        URI uri = location.apply(json());
        return uri == null ? response : RestResponse.ResponseBuilder.fromResponse(response).location(uri).build();
    }

    /** The response body as JSON, for headers derived from it. */
    JsonNode json();

    /** Reads stored JSON into a tree (parsing only: no configuration of the application's mapper matters). */
    ObjectMapper TREE = new ObjectMapper();

    /** {@code stored} is the body as it was kept for replays. */
    private static JsonNode tree(String json) {
        try {
            return TREE.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Fresh<T>(int status, T body, String stored) implements IdempotentResult<T> {

        @Override
        public RestResponse<T> toRestResponse() {
            return RestResponse.ResponseBuilder.<T>create(status).entity(body).build();
        }

        @Override
        public JsonNode json() {
            return tree(stored);
        }
    }

    record Replayed<T>(StoredResponse stored) implements IdempotentResult<T> {
        /** The stored JSON is written as it was kept: the type parameter only names what it is (it is erased). */
        @Override
        @SuppressWarnings("unchecked")
        public RestResponse<T> toRestResponse() {
            return RestResponse.ResponseBuilder.<T>create(stored.status()).entity((T) (Object) stored.body())
                    .type(MediaType.APPLICATION_JSON_TYPE).header(REPLAYED_HEADER, "true").build();
        }

        @Override
        public JsonNode json() {
            return tree(stored.body());
        }
    }
}
