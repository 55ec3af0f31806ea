package io.peakgate.platform.error;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every response carries its request's id in {@code X-Request-Id} (the caller's own when it is a safe
 * token), a problem's {@code instance} is that id, and the logs name it: what a caller quotes is what
 * the operator greps for.
 */
@QuarkusTest
class RequestIdsTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Inject
    AgroalDataSource ds;

    @Test
    void aRefusalsInstanceIsTheRequestIdOfItsResponse() {
        // refused by the key check, by the REST layer, by a service rule, and before the REST layer (body limit)
        List<Response> refusals = List.of(
                RestAssured.given().when().get("/v1/payments/" + UUID.randomUUID()),
                write().body("{\"meter\":").when().post(readingsPath("esplus", "3300000001")),
                write().body(reading("E-1", "T1", "1.5")).when().post(readingsPath("esplus", "3300000001")),
                write().body("{\"meter\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").when().post(readingsPath("esplus", "3300000001")));
        for (Response r : refusals) {
            r.then().contentType("application/problem+json");
            String id = r.header("X-Request-Id");
            assertThat(id).as("%d %s", r.statusCode(), r.asString()).matches(UUID_PATTERN);
            assertThat(r.jsonPath().getString("instance")).isEqualTo("urn:uuid:" + id);
        }
        assertThat(refusals.stream().map(r -> r.header("X-Request-Id")).distinct()).hasSize(refusals.size());
    }

    @Test
    void everyResponseCarriesItsRequestIdPartnersAnswersAndSuccessesToo() {
        assertThat(RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret")
                .when().post("/v1/agents/demo-agent/pay").then().statusCode(200).contentType("application/xml")
                .extract().header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(RestAssured.given().contentType("application/json").body("{}").when().post("/v1/sms/demo-sms/inbound")
                .then().extract().header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(RestAssured.given().when().get("/q/openapi").then().statusCode(200)
                .extract().header("X-Request-Id")).matches(UUID_PATTERN);
    }

    @Test
    void aSafeIdOfTheCallersIsKeptAndAnUnsafeOneReplaced() throws IOException {
        String own = "portal-" + UUID.randomUUID().toString().substring(0, 8) + ".req_1";
        Response kept = RestAssured.given().header("X-Request-Id", own).when().get("/v1/payments/x");
        kept.then().statusCode(401).header("X-Request-Id", own)
                .body("instance", equalTo("urn:peakgate:request:" + own));
        String uuid = "3f2b8c1e-9d4a-4e7b-a6c5-0b1d2e3f4a5b";
        RestAssured.given().header("X-Request-Id", uuid).when().get("/v1/payments/x")
                .then().header("X-Request-Id", uuid).body("instance", equalTo("urn:uuid:" + uuid));
        RestAssured.given().header("X-Request-Id", own).when().get("/problems")
                .then().statusCode(200).header("X-Request-Id", own);

        for (String unsafe : List.of("has spaces in it", "a".repeat(300), "short12", "abc<script>def", "ok-but/slash",
                "4111111111111111", "naïve-request-id")) {
            Response replaced = RestAssured.given().header("X-Request-Id", unsafe).when().get("/v1/payments/x");
            String id = replaced.header("X-Request-Id");
            assertThat(id).as(unsafe).matches(UUID_PATTERN);
            assertThat(replaced.jsonPath().getString("instance")).isEqualTo("urn:uuid:" + id);
        }
        // a header folded over two lines (obsolete line folding: CRLF then a space) arrives with a space in it
        Map<String, String> folded = raw("GET /v1/payments/x HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Request-Id: abcdefgh\r\n ijklmnop\r\nConnection: close\r\n\r\n");
        assertThat(folded.get("x-request-id")).matches(UUID_PATTERN);
        // and CRLF cannot smuggle a header into the answer: the part after it is another request header
        Map<String, String> split = raw("GET /v1/payments/x HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Request-Id: abcdefgh1\r\nSet-Cookie: injected=1\r\nConnection: close\r\n\r\n");
        assertThat(split.get("x-request-id")).isEqualTo("abcdefgh1");
        assertThat(split).doesNotContainKey("set-cookie");
    }

    @Test
    void aBatchsItemProblemsCarryTheRequestIdAndTheirPlace() {
        String account = Fixtures.esplusAccount(ds, "E-9", 5000);
        String body = """
                {"readings":[
                  {"account":"%s","meter":"E-9","values":[{"register":"T1","value":5100}]},
                  {"account":"3399999999","meter":"E-9","values":[{"register":"T1","value":1}]},
                  {"account":"%s","meter":"E-9","values":[{"register":"T1","value":10}]}
                ]}""".formatted(account, account);
        Response r = write().body(body).when().post("/v1/suppliers/esplus/readings/batch");
        r.then().statusCode(200).body("results[1].problem.code", equalTo("account.not_found"))
                .body("results[2].problem.code", equalTo("reading.below_previous"));
        String instance = "urn:uuid:" + r.header("X-Request-Id");
        assertThat(r.jsonPath().getString("results[0].problem")).isNull();
        assertThat(r.jsonPath().getString("results[1].problem.instance")).isEqualTo(instance + "#/readings/1");
        assertThat(r.jsonPath().getString("results[2].problem.instance")).isEqualTo(instance + "#/readings/2");
        assertThat(r.jsonPath().getString("results[2].problem.type")).endsWith("/problems/reading.below_previous");
    }

    @Test
    void aRefusedRequestLeavesALogLineNamingItsIdAndOnlyItsId() {
        // letters only: an id must not look like a card number, or the gateway would not take it
        String first = "logcheck-" + UUID.randomUUID().toString().replaceAll("[0-9-]", "x");
        String second = "logcheck-" + UUID.randomUUID().toString().replaceAll("[0-9-]", "y");
        String account = Fixtures.esplusAccount(ds, "E-9", 5000);
        // one refused after the database (a reading rule), then one by the key check: the gateway's few
        // event loops serve both, and neither's id may end up in the other's lines
        write().header("X-Request-Id", first).body(reading("E-9", "T1", 4000)).when().post(readingsPath("esplus", account))
                .then().statusCode(422).header("X-Request-Id", first);
        RestAssured.given().header("X-Request-Id", second).when().get("/v1/payments/" + second)
                .then().statusCode(401).header("X-Request-Id", second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = Files.readAllLines(LOG);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("[" + first + "]")
                    .contains("POST " + readingsPath("esplus", account) + " answered 422"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("[" + second + "]")
                    .contains("GET /v1/payments/" + second + " answered 401"));
            assertThat(lines.stream().filter(l -> l.contains(first) || l.contains(second)))
                    .allSatisfy(l -> assertThat(l.contains(first)).as(l).isNotEqualTo(l.contains(second)));
        });
    }

    @Test
    void anIdTheGatewayMakesIsTheTraceIdAndEveryLineOfTheRequestNamesBoth() {
        // a trace started here: the request id is its trace id in UUID form, the problem's instance too
        Response own = RestAssured.given().when().get("/v1/payments/trace-" + UUID.randomUUID());
        own.then().statusCode(401);
        String id = own.header("X-Request-Id");
        assertThat(id).matches(UUID_PATTERN);
        String trace = id.replace("-", "");
        assertThat(own.jsonPath().getString("instance")).isEqualTo("urn:uuid:" + id);
        // a caller's trace (W3C traceparent) is followed; as it may span many requests, the request id is another
        String callers = UUID.randomUUID().toString().replace("-", "");
        Response followed = RestAssured.given().header("traceparent", "00-" + callers + "-00f067aa0ba902b7-01")
                .when().get("/v1/payments/trace-" + UUID.randomUUID());
        followed.then().statusCode(401);
        String other = followed.header("X-Request-Id");
        assertThat(other).matches(UUID_PATTERN).isNotEqualTo(callers);
        assertThat(other.replace("-", "")).isNotEqualTo(callers);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = Files.readAllLines(LOG);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("[" + id + "] [" + trace + "]")
                    .contains(" answered 401"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("[" + other + "] [" + callers + "]")
                    .contains(" answered 401"));
        });
    }

    /** Sends {@code request} as it is, byte for byte, and returns the answer's headers (names in lower case). */
    private static Map<String, String> raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            Map<String, String> headers = new TreeMap<>();
            String[] lines = head.toString().split("\r\n");
            assertThat(lines[0]).startsWith("HTTP/1.1 ");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            return headers;
        }
    }
}
