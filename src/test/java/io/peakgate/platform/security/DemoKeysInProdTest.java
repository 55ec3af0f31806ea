package io.peakgate.platform.security;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.ProdProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** In the prod profile a demo key is refused even if someone turns the demo flag on. */
@QuarkusTest
@TestProfile(DemoKeysInProdTest.Prod.class)
class DemoKeysInProdTest {

    public static class Prod extends ProdProfile {
        @Override
        protected Map<String, String> more() {
            return Map.of("peakgate.demo.enabled", "true");
        }
    }

    @Inject
    AgroalDataSource ds;

    /** The sandbox is off in production, so its pages are not in the contract either (issue 16). */
    @Test
    void theProductionDocumentLeavesTheSandboxOut() {
        io.restassured.path.json.JsonPath doc = RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        java.util.Map<String, Object> paths = doc.getMap("paths");
        org.assertj.core.api.Assertions.assertThat(paths).containsKey("/v1/payments")
                .doesNotContainKeys("/sandbox/3ds/{session}", "/sandbox/wallet/{session}");
        org.assertj.core.api.Assertions.assertThat(doc.getList("tags.name", String.class)).contains("Payments")
                .doesNotContain("Sandbox provider");
        org.assertj.core.api.Assertions.assertThat(doc.getString("'x-tagGroups'")).doesNotContain("Sandbox provider");
    }

    @Test
    void demoKeysAreRefusedButRealKeysWork() {
        // as the demo would have left it (prod loads no demo data): a demo client with its fixed key
        Fixtures.execute(ds, """
                WITH c AS (INSERT INTO api_client (id, suppliers, scopes, demo) VALUES ('demo-portal', 'esplus', 'readings:write', true)
                           ON CONFLICT (id) DO NOTHING RETURNING id)
                INSERT INTO api_key (hash, client_id, kind) SELECT encode(sha256('demo-portal-key'::bytea), 'hex'), id, 'secret' FROM c""");
        Fixtures.apiClient(ds, "prod-portal", "prod-portal-key", "esplus", "readings:write");
        String path = "/v1/suppliers/esplus/accounts/3300000001/readings";
        String body = "{\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":1}]}";
        RestAssured.given().header("Authorization", "Bearer demo-portal-key").contentType("application/json")
                .queryParam("dryRun", true).body(body)
                .when().post(path).then().statusCode(401).body("code", equalTo("auth.invalid"));
        RestAssured.given().header("Authorization", "Bearer prod-portal-key").contentType("application/json")
                .queryParam("dryRun", true).body(body)
                .when().post(path).then().statusCode(org.hamcrest.Matchers.not(401));
    }
}
