package io.peakgate.platform.error;

import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A problem's {@code type} is the absolute URL of its code's page on the gateway: a short public HTML
 * page per code of the catalogue (what it means, what to do), and an index of them all.
 */
@QuarkusTest
class ProblemPagesTest {

    @Inject
    AgroalDataSource ds;

    /** This gateway's public address, which the test profile points at the test port. */
    @ConfigProperty(name = "peakgate.providers.public-base-url")
    String publicBaseUrl;

    private String base() {
        assertThat(publicBaseUrl).isEqualTo("http://127.0.0.1:" + RestAssured.port);
        return publicBaseUrl;
    }

    @Test
    void aRefusalsTypeIsThePageOfItsCode() {
        String account = Fixtures.esplusAccount(ds, "E-9", 5000);
        Response refused = write().body(reading("E-9", "T1", 4000)).when().post(readingsPath("esplus", account));
        refused.then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("reading.below_previous")).body("previous", equalTo(5000));
        String type = refused.jsonPath().getString("type");
        assertThat(type).isEqualTo(base() + "/problems/reading.below_previous");

        // the URL as the caller got it, fetched with no key
        Response page = RestAssured.given().when().get(type);
        page.then().statusCode(200).contentType("text/html;charset=UTF-8");
        assertThat(page.asString())
                .contains("<code id=\"code\">reading.below_previous</code>", "<td id=\"status\">422</td>")
                .contains(ProblemPages.escape(ErrorCode.READING_BELOW_PREVIOUS.title()))
                .contains(ProblemPages.escape(ErrorCode.READING_BELOW_PREVIOUS.meaning()))
                .contains(ProblemPages.escape(ErrorCode.READING_BELOW_PREVIOUS.action()))
                .contains("the response carries it (previous")
                .contains("href=\"" + base() + "/problems\"");
    }

    @Test
    void refusalsMadeBeforeTheRestLayerAndByTheKeyCheckPointAtTheirPagesToo() {
        RestAssured.given().when().get("/v1/payments/" + java.util.UUID.randomUUID())
                .then().statusCode(401).body("type", equalTo(base() + "/problems/auth.missing"));
        write().body("{\"meter\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").when().post(readingsPath("esplus", "3300000001"))
                .then().statusCode(413).body("type", equalTo(base() + "/problems/request.too_large"));
    }

    @Test
    void everyCodeOfTheCatalogueHasItsAdviceAndAPage() {
        Set<String> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(codes.add(code.code())).as("%s is listed once", code.code()).isTrue();
            assertThat(code.meaning()).as("what %s means", code.code()).isNotBlank().isNotEqualTo(code.title());
            assertThat(code.action()).as("what to do about %s", code.code()).isNotBlank()
                    .isNotEqualTo(code.meaning()).isNotEqualTo(code.title());
            assertThat(ErrorCode.byCode(code.code())).contains(code);

            String page = RestAssured.given().when().get("/problems/" + code.code())
                    .then().statusCode(200).contentType("text/html;charset=UTF-8").extract().asString();
            assertThat(page).as(code.code())
                    .contains("<code id=\"code\">" + code.code() + "</code>", "<td id=\"status\">" + code.status() + "</td>",
                            "<p id=\"meaning\">" + ProblemPages.escape(code.meaning()) + "</p>",
                            "<p id=\"action\">" + ProblemPages.escape(code.action()) + "</p>");
        }
        String index = RestAssured.given().when().get("/problems")
                .then().statusCode(200).contentType("text/html;charset=UTF-8").extract().asString();
        assertThat(index).contains(Arrays.stream(ErrorCode.values())
                .map(c -> "<a href=\"" + base() + "/problems/" + c.code() + "\">").toList());
    }

    @Test
    void anUnknownCodeIsAnUnknownRoute() {
        for (String code : new String[] {"no.such_code", "READING.BELOW_PREVIOUS", "<script>alert(1)</script>", "reading"}) {
            RestAssured.given().accept("text/html").when().get("/problems/{code}", code)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("route.not_found")).body("type", equalTo(base() + "/problems/route.not_found"));
        }
        RestAssured.given().when().get("/problems/reading.below_previous/more")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("route.not_found"));
    }

    @Test
    void everyTextOnThePagesIsEscaped() {
        assertThat(ProblemPages.escape("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        // catalogue texts with quotes and braces, as a browser gets them
        String hosted = RestAssured.given().when().get("/problems/payment.card_data_refused").then().statusCode(200)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff").extract().asString();
        assertThat(hosted).contains("{&quot;type&quot;:&quot;card&quot;}").doesNotContain("{\"type\":\"card\"}");
        String implausible = RestAssured.given().when().get("/problems/reading.implausible").then().statusCode(200)
                .extract().asString();
        assertThat(implausible).contains("&quot;confirmImplausible&quot;: true").doesNotContain("\"confirmImplausible\"");
        String index = RestAssured.given().when().get("/problems").then().statusCode(200).extract().asString();
        assertThat(index).contains("(a publishable key only tokenises").doesNotContain("{\"type\"");
    }

    @Test
    void thePagesArePublicAndOpenNothingElse() throws Exception {
        RestAssured.given().header("Authorization", "Bearer not-a-key").when().get("/problems/auth.invalid")
                .then().statusCode(200);
        // what sits next to them still needs a key
        RestAssured.given().when().get("/problems/../v1/payments/" + java.util.UUID.randomUUID())
                .then().statusCode(401).body("code", equalTo("auth.missing"));
        // in the OpenAPI document: under their tag, with their operation ids, asking for no key
        JsonNode doc = new ObjectMapper().readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi").asString());
        JsonNode index = doc.path("paths").path("/problems").path("get");
        JsonNode page = doc.path("paths").path("/problems/{code}").path("get");
        assertThat(index.path("operationId").asText()).isEqualTo("problemIndex");
        assertThat(page.path("operationId").asText()).isEqualTo("problemPage");
        assertThat(index.path("tags").toString()).contains("Problems");
        assertThat(page.path("tags").toString()).contains("Problems");
        // no key: no requirement, or only the empty one ([{}], which says so explicitly)
        for (JsonNode op : List.of(index, page)) {
            JsonNode security = op.path("security");
            assertThat(security.isMissingNode() && doc.path("security").isMissingNode() || security.isEmpty()
                    || security.size() == 1 && security.get(0).isEmpty()).as(security.toString()).isTrue();
        }
    }
}
