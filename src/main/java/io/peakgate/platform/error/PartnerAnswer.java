package io.peakgate.platform.error;

import jakarta.ws.rs.core.Response;

/** A refusal in a partner's own protocol: status, content type and body; {@code retryLater} adds Retry-After. */
public record PartnerAnswer(int status, String contentType, String body, boolean retryLater) {

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(contentType).entity(body);
        if (retryLater) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }
}
