package io.peakgate.platform.openapi;

import io.peakgate.platform.error.ErrorCode;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Completes the generated OpenAPI document into the contract callers integrate from (issue 16):
 * <ul>
 *   <li>every operation lists each problem response it can give, from the one {@link ErrorCode} catalogue: per status
 *   an {@code application/problem+json} {@code Problem} whose {@code code} enumerates that operation's codes. The codes
 *   are the operation's own ({@code @Extension(name = "x-refusals", value = "code code ...")} on the method) plus
 *   those its traits imply (an API key, a JSON body, an {@code Idempotency-Key}, a supplier or account in the path);</li>
 *   <li>the headers: {@code Idempotent-Replayed} on the answers of idempotent operations, {@code Location} on 201s,
 *   {@code Retry-After} on 429 and 503, {@code WWW-Authenticate} on 401, {@code X-Request-Id} everywhere;</li>
 *   <li>object schemas are closed ({@code additionalProperties: false}, as the JSON reader refuses unknown fields and
 *   the views are records), so an undocumented field is a contract violation, not a surprise; fields that may be
 *   absent or null are marked nullable.</li>
 * </ul>
 * It runs at build time, so the document served at {@code /q/openapi} is fixed with the code.
 */
public class ContractFilter implements OASFilter {

    /** The extension on an operation naming its own problem codes, space separated (removed from the output). */
    public static final String REFUSALS = "x-refusals";

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "#/components/schemas/Problem";

    /** Partner routes answer in their own protocol, never problem+json (see PartnerProtocol). */
    private static final List<String> PROTOCOL_ANSWERS = List.of("/v1/sms/", "/v1/agents/");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = new TreeMap<>(api.getComponents().getSchemas() == null ? Map.of()
                : api.getComponents().getSchemas());
        schemas.values().forEach(schema -> close(schema, schemas));
        schemas.put("FieldError", fieldError());
        schemas.put("Problem", problem());
        api.getComponents().setSchemas(schemas);
        api.getComponents().addSecurityScheme("agentBasic", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("basic")
                .description("A payment agent: HTTP Basic with its agent id and secret"));
        api.getComponents().addSecurityScheme("smsSignature", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.APIKEY)
                .in(org.eclipse.microprofile.openapi.models.security.SecurityScheme.In.HEADER).name("X-Signature")
                .description("An SMS aggregator: sha256=<hex HMAC-SHA256 of the raw body under its secret>"));
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> document(path, method, operation)));
        }
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        codes.addAll(declared(operation));
        forget(operation);
        boolean protocol = PROTOCOL_ANSWERS.stream().anyMatch(path::startsWith);
        boolean portal = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean jsonBody = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        boolean idempotent = header(operation, "Idempotency-Key") != null;
        if (path.startsWith("/v1/")) {
            codes.add(ErrorCode.SERVICE_OVERLOADED);
            codes.add(ErrorCode.SERVICE_UNAVAILABLE);
            codes.add(ErrorCode.REQUEST_INVALID);
            // the gateway's own failure: an incident id in detail, never a stack trace
            codes.add(ErrorCode.INTERNAL);
        }
        if (portal) {
            if (header(operation, "X-Subscriber") == null) {
                operation.addParameter(OASFactory.createParameter().name("X-Subscriber").in(Parameter.In.HEADER)
                        .required(false).schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(128))
                        .description("An aggregator's portal (a key that acts for subscribers): the subscriber it "
                                + "authenticated; the key then reaches only that subscriber's linked accounts"));
            }
            codes.addAll(List.of(ErrorCode.AUTH_MISSING, ErrorCode.AUTH_INVALID, ErrorCode.AUTH_SCOPE_MISSING,
                    ErrorCode.AUTH_KEY_KIND_FORBIDDEN));
            if (path.contains("{supplier}")) {
                codes.add(ErrorCode.SUPPLIER_NOT_FOUND);
                codes.add(ErrorCode.AUTH_SUPPLIER_FORBIDDEN);
            }
            if (path.contains("{account}") || path.contains("{subscriber}")) {
                // an aggregator portal acts for one subscriber at a time (X-Subscriber), on its linked accounts only
                codes.add(ErrorCode.ACCOUNT_NOT_FOUND);
                codes.add(ErrorCode.SUBSCRIBER_REQUIRED);
                codes.add(ErrorCode.SUBSCRIBER_NOT_FOUND);
            }
        }
        if (jsonBody) {
            codes.addAll(List.of(ErrorCode.REQUEST_MALFORMED_JSON, ErrorCode.REQUEST_INVALID_TYPE,
                    ErrorCode.REQUEST_UNKNOWN_FIELD, ErrorCode.REQUEST_TOO_LARGE, ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE));
        }
        if (idempotent) {
            codes.addAll(List.of(ErrorCode.IDEMPOTENCY_KEY_MISSING, ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.IDEMPOTENCY_IN_PROGRESS));
            // required everywhere but on the reading submission, whose dry run stores nothing and needs none
            header(operation, "Idempotency-Key").required(!"submitReading".equals(operation.getOperationId()))
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).minLength(1).maxLength(255))
                    .description("Unique per intended operation (e.g. a UUID), 1 to 255 "
                    + "printable ASCII characters. A retry with the same key and body answers the first response again "
                    + "(Idempotent-Replayed: true); the same key with another body is 422 idempotency.key_reused.");
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        // the framework's own guesses (a bare 400 for a validated body) are replaced by the problems below
        new ArrayList<>(responses.getAPIResponses().keySet()).stream()
                .filter(status -> status.startsWith("4") || status.startsWith("5"))
                .filter(status -> responses.getAPIResponse(status).getContent() == null)
                .forEach(responses::removeAPIResponse);
        responses.getAPIResponses().forEach((status, response) -> success(operation, status, response, idempotent));
        if (protocol && responses.getAPIResponse("200") != null) {
            // a message id the partner sends again gets the first answer again
            responses.getAPIResponse("200").addHeader("Idempotent-Replayed", OASFactory.createHeader()
                    .description("true when this answers a message id already answered")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).addEnumeration("true")));
            // a partner's refusal is a 200 in its protocol; a temporary one also asks it to retry later
            responses.getAPIResponse("200").addHeader("Retry-After", OASFactory.createHeader()
                    .description("On a temporary refusal: seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        if (!protocol) {
            Map<Integer, List<ErrorCode>> byStatus = codes.stream()
                    .collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new, Collectors.toList()));
            byStatus.forEach((status, group) -> responses.addAPIResponse(String.valueOf(status), problemResponse(group)));
        }
        operation.setResponses(responses);
        if (operation.getSecurity() == null) {
            // partners prove themselves in their own protocol (signature, Basic), pages are public: said explicitly
            operation.setSecurity(path.startsWith("/v1/agents/") ? List.of(OASFactory.createSecurityRequirement()
                    .addScheme("agentBasic")) : path.startsWith("/v1/sms/") ? List.of(OASFactory.createSecurityRequirement()
                    .addScheme("smsSignature")) : List.of(OASFactory.createSecurityRequirement()));
        }
    }

    private static void success(Operation operation, String status, APIResponse response, boolean idempotent) {
        if (!status.startsWith("2")) {
            return;
        }
        response.addHeader("X-Request-Id", requestId());
        if (idempotent) {
            response.addHeader("Idempotent-Replayed", OASFactory.createHeader()
                    .description("true when this is the first response to the same Idempotency-Key again")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).addEnumeration("true")));
        }
        if (status.equals("201") && !"createCardToken".equals(operation.getOperationId())) {
            response.addHeader("Location", OASFactory.createHeader().required(true)
                    .description("Where the created resource (or the collection that shows it) is read")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("uri-reference")));
        }
    }

    private static APIResponse problemResponse(List<ErrorCode> codes) {
        int status = codes.getFirst().status();
        String list = codes.stream().map(c -> "`" + c.code() + "`: " + c.title()).collect(Collectors.joining("; "));
        Schema schema = OASFactory.createSchema()
                .addAllOf(OASFactory.createSchema().ref(PROBLEM))
                .addAllOf(OASFactory.createSchema().addType(SchemaType.OBJECT).properties(Map.of("code",
                        OASFactory.createSchema().addType(SchemaType.STRING)
                                .enumeration(codes.stream().map(c -> (Object) c.code()).toList()))));
        APIResponse response = OASFactory.createAPIResponse()
                .description(list + ". Each code's page: /problems/{code}.")
                .content(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType().schema(schema)));
        response.addHeader("X-Request-Id", requestId());
        if (status == 401) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader().description("Bearer realm=\"peakgate\"")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
        if (codes.contains(ErrorCode.IDEMPOTENCY_IN_PROGRESS)) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("idempotency.in_progress: seconds to wait before retrying the same request")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader().required(true)
                    .description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        return response;
    }

    private static Header requestId() {
        return OASFactory.createHeader().description("This request's id: the problem's instance names it, and the "
                + "gateway's log lines of the request carry it").schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static List<ErrorCode> declared(Operation operation) {
        // the scanner copies a method's @Extension onto the operation and onto each annotation of the method beside it
        // (its responses, each response, its request body): the operation's own copy is read, all are removed
        Object value = null;
        for (org.eclipse.microprofile.openapi.models.Extensible<?> part : parts(operation)) {
            if (value == null && part.getExtensions() != null) {
                value = part.getExtensions().get(REFUSALS);
            }
        }
        if (value == null) {
            return List.of();
        }
        Map<String, ErrorCode> byCode = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            byCode.put(code.code(), code);
        }
        List<ErrorCode> codes = new ArrayList<>();
        for (String name : String.valueOf(value).trim().split("\\s+")) {
            ErrorCode code = byCode.get(name);
            if (code == null) {
                throw new IllegalStateException(operation.getOperationId() + " declares an unknown problem code '" + name
                        + "' in " + REFUSALS + "; the catalogue is ErrorCode");
            }
            codes.add(code);
        }
        return codes;
    }

    private static void forget(Operation operation) {
        for (org.eclipse.microprofile.openapi.models.Extensible<?> part : parts(operation)) {
            if (part.getExtensions() != null && part.getExtensions().containsKey(REFUSALS)) {
                part.removeExtension(REFUSALS);
            }
        }
    }

    private static List<org.eclipse.microprofile.openapi.models.Extensible<?>> parts(Operation operation) {
        List<org.eclipse.microprofile.openapi.models.Extensible<?>> parts = new ArrayList<>();
        parts.add(operation);
        if (operation.getRequestBody() != null) {
            parts.add(operation.getRequestBody());
        }
        if (operation.getResponses() != null) {
            parts.add(operation.getResponses());
            parts.addAll(operation.getResponses().getAPIResponses().values());
        }
        return parts;
    }

    private static Parameter header(Operation operation, String name) {
        if (operation.getParameters() == null) {
            return null;
        }
        return operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
    }

    /** A record view or request has exactly its properties; those not required may be null or absent. */
    private static void close(Schema schema, Map<String, Schema> schemas) {
        if (schema.getType() == null || !schema.getType().contains(SchemaType.OBJECT) || schema.getProperties() == null
                || schema.getAdditionalPropertiesSchema() != null) {
            return;
        }
        schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            if (!required.contains(name)) {
                nullable(property, schemas);
            }
        });
    }

    private static void nullable(Schema property, Map<String, Schema> schemas) {
        if (property.getRef() != null) {
            // a $ref takes no siblings in 3.0: it is wrapped (allOf) in a schema of the referenced type that allows null
            String ref = property.getRef();
            Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target == null || target.getType() == null || target.getType().isEmpty()) {
                return;
            }
            property.setRef(null);
            property.addAllOf(OASFactory.createSchema().ref(ref));
            property.setType(new ArrayList<>(target.getType()));
            property.addType(SchemaType.NULL);
        } else if (property.getType() != null && !property.getType().contains(SchemaType.NULL)) {
            property.addType(SchemaType.NULL);
        }
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("One invalid field of the request")
                .additionalPropertiesBoolean(Boolean.FALSE).required(List.of("field", "message"))
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The field's JSON path, e.g. values[0].value, or a parameter's name"))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING));
    }

    /** RFC 9457 problem details with the stable {@code code}; the members some refusals add are listed too. */
    private static Schema problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("The code's page, <gateway>/problems/{code}: what it means, what to do").format("uri"));
        properties.put("title", string("The code's short, fixed title"));
        properties.put("status", OASFactory.createSchema().addType(SchemaType.INTEGER).description("The HTTP status"));
        properties.put("detail", string("What was wrong with this request"));
        properties.put("code", string("The stable code to branch on (see /problems)")
                .enumeration(Arrays.stream(ErrorCode.values()).map(c -> (Object) c.code()).toList()));
        properties.put("instance", string("This occurrence: urn:uuid:<request id>, the X-Request-Id the logs carry "
                + "(urn:peakgate:request:<id> for an id the caller chose). A request id the gateway made is the "
                + "request's trace id (W3C Trace Context) in UUID form: its 32 hex digits without the dashes. "
                + "A batch item adds its place, e.g. #/readings/3").format("uri"));
        properties.put("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).description("The invalid fields")
                .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
        // members a refusal adds to help the caller act on it
        properties.put("nextWindowOpensAt", string("reading.window_closed: when readings are accepted again").format("date-time"));
        properties.put("period", string("reading.window_closed: the billing period"));
        properties.put("register", string("reading.*: the register concerned"));
        properties.put("previous", number("reading.below_previous: the previous reading"));
        properties.put("value", number("reading.below_previous: the submitted value"));
        properties.put("consumption", number("reading.implausible: the consumption it implies"));
        properties.put("usualConsumption", number("reading.implausible: the account's usual consumption"));
        properties.put("threshold", number("reading.implausible: the consumption above which a reading is refused"));
        properties.put("digits", integer("reading.exceeds_capacity: the meter's digits"));
        properties.put("registers", strings("register.*: the meter's registers"));
        properties.put("missing", strings("register.missing: the registers not submitted"));
        properties.put("boundFor", string("card.payment_type_mismatch: the payment type the card is bound for"));
        properties.put("refundable", OASFactory.createSchema().ref("#/components/schemas/Money")
                .description("refund.exceeds_captured: what can still be refunded"));
        properties.put("promiseId", string("promise.*: the open promised payment"));
        properties.put("line", integer("reconciliation.invalid_line: the registry line"));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("A refusal (RFC 9457 problem details) with Peakgate's stable code")
                .required(List.of("type", "title", "status", "code", "instance"))
                .properties(properties);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static Schema number(String description) {
        return OASFactory.createSchema().addType(SchemaType.NUMBER).description(description);
    }

    private static Schema integer(String description) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).description(description);
    }

    private static Schema strings(String description) {
        return OASFactory.createSchema().addType(SchemaType.ARRAY).items(OASFactory.createSchema().addType(SchemaType.STRING))
                .description(description);
    }
}
