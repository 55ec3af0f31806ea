package io.peakgate.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.peakgate.platform.logging.RequestIds;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one place exceptions become HTTP responses: problem+json with a stable code (or, on a
 * partner's route, that partner's protocol: {@link ProblemAnswers}), never an exception class name
 * or stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ProblemAnswers answers;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return answers.response(e.toProblem(Problem.instance(request)), request);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(FieldPaths.fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are not valid";
        return answers.response(Problem.of(ErrorCode.REQUEST_INVALID, detail, Problem.instance(request), errors, Map.of()),
                request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return answers.response(jsonProblem(e, Problem.instance(request)), request);
    }

    /** Named explicitly: it is more specific than the framework's own mapper for it, which sends no body. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return answers.response(jsonProblem(e, Problem.instance(request)), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json != null) {
            return answers.response(jsonProblem(json, Problem.instance(request)), request);
        }
        String path = request.path();
        ErrorCode code = switch (e) {
            case NotFoundException ignored -> ErrorCode.ROUTE_NOT_FOUND;
            case NotAllowedException ignored -> ErrorCode.METHOD_NOT_ALLOWED;
            case NotSupportedException ignored -> ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE;
            case NotAcceptableException ignored -> ErrorCode.REQUEST_NOT_ACCEPTABLE;
            default -> byStatus(e.getResponse().getStatus());
        };
        String detail = switch (code) {
            case ROUTE_NOT_FOUND -> "No resource at " + path;
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + path;
            case REQUEST_UNSUPPORTED_MEDIA_TYPE -> path.startsWith("/v1/reconciliation/")
                    ? "Send the registry as text/csv" : path.startsWith("/v1/admin/suppliers/")
                    ? "Send the accounts as text/csv or application/x-ndjson" : "Send the body as application/json";
            default -> code.title();
        };
        Response response = answers.response(Problem.of(code, detail, Problem.instance(request), List.of(), Map.of()),
                request);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json != null) {
            return answers.response(jsonProblem(json, Problem.instance(request)), request);
        }
        ProblemException problem = cause(e, ProblemException.class);
        if (problem != null) {
            return answers.response(problem.toProblem(Problem.instance(request)), request);
        }
        io.vertx.pgclient.PgException database = cause(e, io.vertx.pgclient.PgException.class);
        if (database != null && database.getSqlState() != null && database.getSqlState().startsWith("22")) {
            // SQLSTATE class 22 (data exception): a value PostgreSQL cannot take, e.g. a NUL byte in a path parameter
            return answers.response(Problem.of(ErrorCode.REQUEST_INVALID, "A value in the request cannot be processed",
                    Problem.instance(request), List.of(), Map.of()), request);
        }
        if (overloaded(e)) {
            // the PostgreSQL pool's wait is full or too long: shed, like the HTTP admission limit does
            io.micrometer.core.instrument.Metrics.counter("peakgate.database.shed").increment();
            return answers.response(Problem.of(ErrorCode.SERVICE_OVERLOADED, "The gateway is at capacity; retry in a second",
                    Problem.instance(request), List.of(), Map.of()), request);
        }
        if (unreachable(e)) {
            LOG.warnf("Dependency unreachable on %s %s: %s", request.method(), request.path(), e.toString());
            return answers.response(Problem.of(ErrorCode.SERVICE_UNAVAILABLE, "A backing service is unreachable; retry shortly",
                    Problem.instance(request), List.of(), Map.of()), request);
        }
        // the incident is the request id: in the problem's instance, X-Request-Id and this line's MDC
        String incident = RequestIds.of(request);
        LOG.errorf("Unhandled failure on %s %s (incident %s): %s", request.method(), request.path(), incident,
                e.toString());
        LOG.debug("Unhandled failure stack", e);
        return answers.response(Problem.of(ErrorCode.INTERNAL, "Incident " + incident, Problem.instance(incident),
                List.of(), Map.of()), request);
    }

    /** The database pool refused to queue the request any longer (its wait queue or wait time is bounded). */
    static boolean overloaded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            // Vert.x fails a pool waiter whose connection wait ran out with a bare NoStackTraceThrowable("Timeout")
            if (t.getClass().getName().endsWith("ConnectionPoolTooBusyException")
                    || t.getClass().getSimpleName().equals("NoStackTraceThrowable") && message.equals("timeout")
                    || message.contains("timeout while waiting for a connection")
                    || message.contains("timeout waiting for connection") || message.contains("max waiter")) {
                return true;
            }
        }
        return false;
    }

    /** A database or cache that cannot be reached is the gateway's temporary state, not the caller's fault. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException
                    || t instanceof java.nio.channels.ClosedChannelException
                    // the database connection lost with a query in flight (e.g. its backend terminated)
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.vertx.core.VertxException && (message.contains("connection refused")
                    || message.contains("closed") || message.contains("timeout") || message.contains("too busy"))
                    || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getName().endsWith("ConnectionPoolTooBusyException")
                    // PostgreSQL going away: connection failures (08), shutdown (57), out of resources (53)
                    || t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57")
                    || pg.getSqlState().startsWith("53"))) {
                return true;
            }
        }
        return false;
    }

    private static Problem jsonProblem(JsonProcessingException e, String instance) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = FieldPaths.jsonPath(u);
            return Problem.of(ErrorCode.REQUEST_UNKNOWN_FIELD, "Unknown field '" + field + "'", instance,
                    List.of(new FieldError(field, "unknown field")), Map.of());
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = FieldPaths.jsonPath(m);
            String expected = m.getTargetType() == null ? "another type" : FieldPaths.simpleType(m.getTargetType());
            return Problem.of(ErrorCode.REQUEST_INVALID_TYPE, "Field '" + field + "' must be " + expected, instance,
                    List.of(new FieldError(field, "must be " + expected)), Map.of());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = FieldPaths.jsonPath(m);
            return Problem.of(ErrorCode.REQUEST_INVALID_TYPE, "Field '" + field + "' has an invalid value", instance,
                    List.of(new FieldError(field, "invalid value")), Map.of());
        }
        if (e instanceof StreamConstraintsException) {
            return Problem.of(ErrorCode.REQUEST_INVALID, "The body exceeds the JSON nesting or size limits", instance,
                    List.of(), Map.of());
        }
        if (e instanceof MismatchedInputException) {
            return Problem.of(ErrorCode.REQUEST_INVALID_TYPE, "The body must be a JSON object of the documented shape",
                    instance, List.of(), Map.of());
        }
        return Problem.of(ErrorCode.REQUEST_MALFORMED_JSON, "The body is not valid JSON", instance, List.of(), Map.of());
    }

    private static ErrorCode byStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.REQUEST_INVALID;
            case 401 -> ErrorCode.AUTH_MISSING;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.REQUEST_NOT_ACCEPTABLE;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.REQUEST_INVALID;
        };
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof CompositeException composite) {
                for (Throwable inner : composite.getCauses()) {
                    T found = cause(inner, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
