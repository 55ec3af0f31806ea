package io.peakgate.platform.openapi;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.peakgate.support.contract.Contract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle every RestAssured response of the suite goes through ({@code ContractCallback}) fails on what the
 * document does not describe: a body field, a status, a header, a problem code of another operation. Each case
 * starts from a response the document does describe, so the failure is the one change made to it.
 */
@QuarkusTest
class ContractTest {

    private static final String BALANCE = """
            {"supplier":"esplus","account":"3300000001","debt":{"value":100,"currency":"RUB"}}""";

    private Contract contract;

    @BeforeEach
    void document() {
        contract = Contract.of(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(errors(balance(), SimpleResponse.Builder.ok().withContentType("application/json").withBody(BALANCE)))
                .isEmpty();
    }

    @Test
    void anUndocumentedFieldFails() {
        String extra = BALANCE.replaceFirst("}$", ",\"internalNote\":\"x\"}");
        assertThat(errors(balance(), SimpleResponse.Builder.ok().withContentType("application/json").withBody(extra)))
                .anyMatch(m -> m.contains("internalNote"));
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThat(errors(balance(), SimpleResponse.Builder.status(418).withContentType("application/json")
                .withBody(BALANCE))).anyMatch(m -> m.contains("418"));
    }

    @Test
    void aProblemCodeTheOperationDoesNotListFails() {
        String problem = """
                {"type":"http://localhost/problems/promise.overdue","title":"t","status":409,"code":"promise.overdue",\
                "instance":"urn:uuid:0d6b4a38-61ff-4c1e-8a5c-6f0f6e7f3b1a"}""";
        assertThat(errors(SimpleRequest.Builder.post("/v1/suppliers/esplus/accounts/3300000001/readings").build(),
                SimpleResponse.Builder.status(409).withContentType("application/problem+json").withBody(problem)))
                .anyMatch(m -> m.contains("promise.overdue"));
        assertThat(errors(SimpleRequest.Builder.post("/v1/suppliers/esplus/accounts/3300000001/readings").build(),
                SimpleResponse.Builder.status(409).withContentType("application/problem+json")
                        .withBody(problem.replace("promise.overdue", "idempotency.in_progress")))).isEmpty();
    }

    @Test
    void anUndocumentedHeaderFailsAndADocumentedOnePasses() {
        String path = "/v1/suppliers/esplus/accounts/3300000001/readings";
        assertThat(contract.undocumentedHeaders("POST", path, 201, Set.of("content-type", "location", "idempotent-replayed")))
                .isEmpty();
        assertThat(contract.undocumentedHeaders("POST", path, 201, Set.of("content-type", "x-debug-sql")))
                .containsExactly("x-debug-sql");
        assertThat(contract.undocumentedHeaders("GET", "/v1/suppliers/esplus/accounts/3300000001/balance", 200,
                Set.of("idempotent-replayed"))).as("only idempotent operations replay").containsExactly("idempotent-replayed");
    }

    @Test
    void everyPortalOperationDocumentsItsSuccessAndItsProblems() {
        JsonPath doc = JsonPath.from(contract.document());
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = doc.getMap("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (var op : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> responses = (java.util.Map<String, Object>) op.getValue().get("responses");
                operations++;
                assertThat(responses.keySet()).as(op.getKey() + " " + path.getKey()).anyMatch(s -> s.startsWith("2"));
                // SMS aggregators and agents get every answer, refusals included, as a 200 in their own protocol
                if (!path.getKey().startsWith("/v1/sms/") && !path.getKey().startsWith("/v1/agents/")) {
                    assertThat(responses.keySet()).as(op.getKey() + " " + path.getKey()).contains("400", "503");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(24);
        assertThat(doc.getString("paths.'/v1/payments'.post.responses.'201'.headers.Location.schema.type")).isEqualTo("string");
        assertThat(doc.getList("paths.'/v1/payments'.post.responses.'422'.content.'application/problem+json'.schema.allOf[1]"
                + ".properties.code.enum", String.class)).contains("payment.amount_too_large").doesNotContain("reading.negative");
    }

    private static Request balance() {
        return SimpleRequest.Builder.get("/v1/suppliers/esplus/accounts/3300000001/balance").build();
    }

    private List<String> errors(Request request, SimpleResponse.Builder response) {
        ValidationReport report = contract.validate(request, response.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }
}
