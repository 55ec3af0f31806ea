package io.peakgate.platform.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem details body with Peakgate's stable {@code code} member. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem("urn:peakgate:problem:" + code.code(), code.title(), code.status(), detail, code.code(),
                instance, errors == null ? List.of() : errors, extensions == null ? Map.of() : new LinkedHashMap<>(extensions));
    }

    @JsonAnyGetter
    public Map<String, Object> anyExtensions() {
        return extensions;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"peakgate\"");
        }
        if (status == 503 || status == 429) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }
}
