package io.peakgate.platform.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.peakgate.platform.logging.CardNumberMask;
import io.peakgate.platform.logging.RequestIds;
import io.vertx.core.http.HttpServerRequest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** An RFC 9457 problem details body with Peakgate's stable {@code code} member. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Pattern UUID_SHAPED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Nothing card-number-shaped reaches a caller, whatever a detail, field or extension echoes of the request. */
    public Problem {
        detail = CardNumberMask.mask(detail);
        instance = CardNumberMask.mask(instance);
        errors = errors == null ? null : errors.stream()
                .map(e -> new FieldError(CardNumberMask.mask(e.field()), CardNumberMask.mask(e.message()))).toList();
        extensions = extensions == null ? null : masked(extensions);
    }

    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /**
     * The problem {@code code} names, its {@code type} the URL of the code's page ({@link ProblemTypes}).
     * {@code instance} identifies the occurrence: {@link #instance(HttpServerRequest)} for a request.
     */
    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem(ProblemTypes.of(code), code.title(), code.status(), detail, code.code(),
                instance, errors == null ? List.of() : errors, extensions == null ? Map.of() : new LinkedHashMap<>(extensions));
    }

    /** The {@code instance} of a problem of this request: its request id ({@link #instance(String)}). */
    public static String instance(HttpServerRequest request) {
        return instance(RequestIds.of(request));
    }

    /**
     * The {@code instance} of a problem of the request with this id, the id as it is in
     * {@code X-Request-Id} and in the logs: {@code urn:uuid:<id>} for a UUID (the ids the gateway
     * makes), {@code urn:peakgate:request:<id>} for an id the caller chose. An id the gateway made for a
     * request that started its trace here is that trace's id in UUID form ({@link RequestIds}): the trace
     * id is the instance's 32 hex digits without the dashes.
     */
    public static String instance(String requestId) {
        return (UUID_SHAPED.matcher(requestId).matches() ? "urn:uuid:" : "urn:peakgate:request:") + requestId;
    }

    @SuppressWarnings("unchecked")
    private static <T> T masked(T value) {
        Object masked = switch (value) {
            case String text -> CardNumberMask.mask(text);
            case Number number when !CardNumberMask.mask(number.toString()).equals(number.toString()) ->
                    CardNumberMask.mask(number.toString());
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(CardNumberMask.mask(String.valueOf(k)), masked(v)));
                yield copy;
            }
            case Collection<?> items -> items.stream().map(Problem::masked).toList();
            case null, default -> value;
        };
        return (T) masked;
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
        if (status == 503 || status == 429 || ErrorCode.IDEMPOTENCY_IN_PROGRESS.code().equals(code)) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }
}
