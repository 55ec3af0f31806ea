package io.peakgate.platform.error;

import io.peakgate.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Bad input always gets a problem+json 4xx with a stable code, never a 5xx or an empty body. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PATH = readingsPath("esplus", "3300000001");

    @Test
    void malformedJson() {
        write().body("{\"meter\":").when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("request.malformed_json"))
                .body("type", notNullValue()).body("title", notNullValue()).body("status", equalTo(400))
                .body("detail", notNullValue());
    }

    @Test
    void wrongTypesNameTheField() {
        write().body("{\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":\"12345\"}]}").when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("request.invalid_type"))
                .body("errors[0].field", equalTo("values[0].value"));
        write().body("{\"meter\":\"E-1\",\"values\":{}}").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("request.invalid_type"))
                .body("errors[0].field", equalTo("values"));
        write().body("[1,2]").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("request.invalid_type"));
    }

    @Test
    void unknownFieldsAreRefused() {
        write().body("{\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":1}],\"status\":\"accepted\"}")
                .when().post(PATH)
                .then().statusCode(400).body("code", equalTo("request.unknown_field"))
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void missingFieldsAreNamed() {
        write().body("{\"values\":[{\"register\":\"T1\"}]}").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("request.invalid"))
                .body("errors.field", hasItem("meter"))
                .body("errors.field", hasItem("values[0].value"));
        write().body("").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("request.invalid"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeReading() {
        String big = "{\"meter\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        write().body(big).when().post(PATH)
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("request.too_large"));
    }

    @Test
    void wrongContentTypeMethodAndRoute() {
        portal().contentType("text/plain").header("Idempotency-Key", "k").body("hello").when().post(PATH)
                .then().statusCode(415).body("code", equalTo("request.unsupported_media_type"));
        portal().when().get(PATH)
                .then().statusCode(405).contentType("application/problem+json").body("code", equalTo("method.not_allowed"));
        RestAssured.given().when().get("/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("route.not_found"));
    }

    @Test
    void operationalEndpointsAnswer() {
        // health and metrics on the management interface only; the contract and its UI on the public port
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/live").then().statusCode(200);
        for (String operational : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
            RestAssured.given().when().get(operational).then().statusCode(404);
        }
        RestAssured.given().when().get("/q/swagger-ui/").then().statusCode(200);
        Management.given().when().get("/q/openapi").then().statusCode(404);
        RestAssured.given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/suppliers/{supplier}/accounts/{account}/readings"));
        write().body(io.peakgate.support.Api.reading("E-1", "T1", "1.5")).when().post(PATH).then().statusCode(422);
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("peakgate_readings_total"))
                .body(containsString("code=\"reading.not_integer\""))
                .body(containsString("peakgate_outbox_backlog"));
    }

    @Test
    void latenciesArePublishedAsHistogramBucketsThatAggregateAcrossInstances() {
        write().body(io.peakgate.support.Api.reading("E-1", "T1", "1.5")).when().post(PATH).then().statusCode(422);
        String metrics = Management.metrics();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{")
                .contains("peakgate_group_commit_size_bucket{")
                .contains("peakgate_outbox_lag_seconds_bucket{")
                .contains("peakgate_dependency_up{dependency=\"redis\"}", "peakgate_dependency_up{dependency=\"kafka\"}")
                .doesNotContain("quantile=");
    }

    @Test
    void readinessIsPostgresOnlyAndTheDegradedModesAreItsDetails() {
        io.restassured.path.json.JsonPath ready = Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath();
        List<String> names = ready.getList("checks.name");
        org.assertj.core.api.Assertions.assertThat(names).contains("degraded-modes")
                .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("redis") || n.toLowerCase(java.util.Locale.ROOT).contains("kafka"));
        org.assertj.core.api.Assertions.assertThat(names).anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("database"));
        org.assertj.core.api.Assertions.assertThat(ready.getString("checks.find { it.name == 'degraded-modes' }.data.redis"))
                .isIn("up", "down");
        org.assertj.core.api.Assertions.assertThat(ready.getString("checks.find { it.name == 'degraded-modes' }.data.kafka"))
                .isIn("up", "down");
        org.assertj.core.api.Assertions.assertThat(ready.getLong("checks.find { it.name == 'degraded-modes' }.data.outboxBacklog"))
                .isNotNegative();
        List<String> live = Management.given().when().get("/q/health/live").then().statusCode(200)
                .extract().jsonPath().getList("checks.name");
        org.assertj.core.api.Assertions.assertThat(live)
                .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("redis") || n.toLowerCase(java.util.Locale.ROOT).contains("kafka"));
    }

    @Test
    void noProblemEchoesACardNumber() {
        String pan = "4111111111111111";
        List<String> bodies = new ArrayList<>();
        // an account, a meter, an unknown field and a wrong-typed field holding a card number
        bodies.add(write().body(io.peakgate.support.Api.reading("E-1", "T1", 1)).when().post(readingsPath("esplus", pan))
                .then().statusCode(404).contentType("application/problem+json").extract().asString());
        bodies.add(write().body(io.peakgate.support.Api.reading(pan, "T1", 1)).when().post(PATH)
                .then().statusCode(404).extract().asString());
        bodies.add(write().body("{\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":1}],\"4111 1111 1111 1111\":1}")
                .when().post(PATH).then().statusCode(400).body("code", equalTo("request.unknown_field"))
                .body("errors[0].field", equalTo("411111******1111")).extract().asString());
        bodies.add(write().body("{\"meter\":\"E-1\",\"values\":[{\"register\":\"" + pan + "\",\"value\":\"" + pan + "\"}]}")
                .when().post(PATH).then().statusCode(400).extract().asString());
        bodies.add(RestAssured.given().when().get("/v1/" + pan).then().statusCode(404).extract().asString());
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(pan).doesNotContain("4111 1111 1111 1111"));
        assertThat(bodies.getFirst()).contains("411111******1111");
    }

    @Test
    void extensionsAndFieldErrorsAreMaskedToo() {
        Problem p = new ProblemException(ErrorCode.REQUEST_INVALID, "card 4111111111111111",
                List.of(new FieldError("number", "4111-1111-1111-1111 is not accepted")))
                .with("echo", "4111111111111111").with("nested", java.util.Map.of("pan", List.of(4111111111111111L)))
                .toProblem("/v1/x/4111111111111111");
        String all = p.detail() + p.instance() + p.errors() + p.anyExtensions();
        assertThat(all).doesNotContain("4111111111111111").doesNotContain("4111-1111-1111-1111").contains("411111******1111");
    }
}
