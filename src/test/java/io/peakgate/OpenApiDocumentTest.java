package io.peakgate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the running gateway serves, checked for what a generated client relies on and
 * written to target/openapi/openapi.json: the build's client stage (profile generated-client) generates
 * a Java client from that file, drives the main flows through it and lints it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** Where the client stage reads the document; the generator's inputSpec in pom.xml names the same file. */
    static final Path DUMP = Path.of(System.getProperty("project.dir", "."), "target", "openapi", "openapi.json");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServedDocumentNamesEveryOperationAndIsWrittenForTheClientStage() throws IOException {
        String served = RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode doc = JSON.readTree(served);
        assertThat(doc.path("openapi").asText()).startsWith("3.");

        List<String> unnamed = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        List<String> duplicates = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String id = op.getValue().path("operationId").asText("");
            if (id.isEmpty()) {
                unnamed.add(op.getKey().toUpperCase() + " " + path.getKey());
            } else if (!operationIds.add(id)) {
                duplicates.add(id);
            }
        }));
        assertThat(unnamed).as("operations without an operationId (a generated client names its methods by it)").isEmpty();
        assertThat(duplicates).as("operationIds used twice").isEmpty();
        assertThat(operationIds).contains("submitReading", "submitReadingBatch", "createPayment", "getPayment",
                "refundPayment", "createCardToken", "listSavedCards", "getBalance", "listOperations", "getStatement",
                "verifyAccount", "answerSandboxChallenge");

        Files.createDirectories(DUMP.getParent());
        Files.writeString(DUMP, served);
        assertThat(JSON.readTree(DUMP.toFile())).isEqualTo(doc);
    }
}
