package io.peakgate.platform.security;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
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

    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/peakgate_test",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/peakgate_test",
                    "peakgate.vault.keys-dir", "target/test-vault",
                    "peakgate.vault.generate-if-missing", "true",
                    "peakgate.demo.enabled", "true");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void demoKeysAreRefusedButRealKeysWork() {
        Fixtures.execute(ds, """
                INSERT INTO api_client (id, key_hash, suppliers, scopes, demo)
                VALUES ('demo-portal', encode(sha256('demo-portal-key'::bytea), 'hex'), 'esplus', 'readings:write', true)
                ON CONFLICT (id) DO NOTHING""");
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
