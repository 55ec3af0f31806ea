package io.peakgate.support.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The running OpenAPI document as a test oracle: every RestAssured response of the suite is checked against it
 * (installed for every {@code @QuarkusTest} by {@link ContractCallback}). A status, body field, content type or
 * header the document does not describe fails the test that produced it. Requests are not checked: the suite sends
 * invalid requests on purpose, and their refusals are what is validated.
 */
public final class Contract {

    /** Headers any HTTP response may carry whatever the operation; every other header must be documented. */
    static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "date",
            "connection", "keep-alive", "vary", "cache-control", "pragma", "expires", "server", "content-encoding",
            "accept-ranges", "etag", "last-modified", "x-content-type-options", "x-frame-options", "referrer-policy",
            "content-security-policy", "strict-transport-security", "x-request-id");

    private final String document;
    private final OpenApiInteractionValidator validator;
    private final OpenAPI api;
    private final Filter filter;

    private Contract(String document) {
        this.document = document;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // the suite sends invalid requests on purpose: only what the gateway answers is checked
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                // allOf (a problem narrowed to an operation's codes) is validated as the one schema it composes
                .withResolveCombinators(true)
                .build();
        this.api = new OpenAPIV3Parser().readContents(document).getOpenAPI();
        this.filter = validation();
    }

    public static Contract of(String document) {
        return new Contract(document);
    }

    public String document() {
        return document;
    }

    /** The RestAssured filter that fails a request whose response breaks this contract. */
    public Filter filter() {
        return filter;
    }

    private Filter validation() {
        OpenApiValidationFilter schema = new OpenApiValidationFilter(validator);
        return new Filter() {
            @Override
            public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification spec,
                                   FilterContext context) {
                Response response = schema.filter(request, spec, context);
                List<String> undocumented = undocumentedHeaders(request.getMethod(), URI.create(request.getURI()).getPath(),
                        response.getStatusCode(), response.getHeaders().asList().stream()
                                .map(h -> h.getName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
                if (!undocumented.isEmpty()) {
                    throw new AssertionError(request.getMethod() + " " + request.getURI() + " answered "
                            + response.getStatusCode() + " with header(s) the document does not describe for that "
                            + "response: " + undocumented);
                }
                return response;
            }
        };
    }

    /** The headers of a response that the document does not describe for that operation and status. */
    public List<String> undocumentedHeaders(String method, String path, int status, Set<String> headers) {
        Operation operation = operation(method, path);
        if (operation == null || operation.getResponses() == null) {
            return List.of();
        }
        ApiResponse response = operation.getResponses().get(String.valueOf(status));
        if (response == null) {
            return List.of(); // the schema validation reports the undocumented status itself
        }
        Set<String> documented = response.getHeaders() == null ? Set.of() : response.getHeaders().keySet().stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> undocumented = new ArrayList<>();
        for (String header : headers) {
            if (!TRANSPORT_HEADERS.contains(header) && !documented.contains(header)) {
                undocumented.add(header);
            }
        }
        return undocumented;
    }

    /** Validates one response against the document (for tests of the oracle itself). */
    public ValidationReport validate(com.atlassian.oai.validator.model.Request request,
                                     com.atlassian.oai.validator.model.Response response) {
        return validator.validate(request, response);
    }

    private Operation operation(String method, String path) {
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            if (template(entry.getKey()).matcher(path).matches()) {
                PathItem item = entry.getValue();
                return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
            }
        }
        return null;
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** The document the gateway at {@code base} (scheme, host and port) serves now. */
    static String fetch(String base) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
