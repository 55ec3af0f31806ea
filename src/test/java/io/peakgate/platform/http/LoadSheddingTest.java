package io.peakgate.platform.http;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * At capacity the gateway answers at once with 503 and Retry-After instead of queueing (partners in
 * their own protocol).
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.OneAtATime.class)
class LoadSheddingTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("peakgate.http.max-in-flight", "1");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void aRequestBeyondCapacityIsShedAtOnce() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT 1 FROM meter_register r JOIN meter m ON m.id = r.meter_id JOIN account a ON a.id = m.account_id "
                        + "WHERE a.number = '" + account + "' FOR UPDATE");
            }
            // the only admitted request waits on the row lock
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() ->
                    write().body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", account)));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Fixtures.count(ds,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") >= 1);
            write().body(reading("E-9", "T1", 1200)).when().post(readingsPath("esplus", account))
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("code", equalTo("service.overloaded"));
            // partners are shed in their own protocol: the agents' XML with result 1 (retry), the aggregators' reply
            String agent = RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret")
                    .when().get("/v1/agents/demo-agent/pay?command=check&txn_id=77&account=2256884759")
                    .then().statusCode(200).header("Retry-After", "1").contentType("application/xml").extract().asString();
            org.assertj.core.api.Assertions.assertThat(agent).contains("<result>1</result>", "<osmp_txn_id>77</osmp_txn_id>");
            RestAssured.given().contentType("application/json").body("{}").when().post("/v1/sms/demo-sms/inbound")
                    .then().statusCode(200).contentType("application/json").body("code", equalTo("service.overloaded"))
                    .body("reply", org.hamcrest.Matchers.containsString("временно недоступен"));
            RestAssured.given().when().get("/q/health/live").then().statusCode(200);
            holder.rollback();
            first.get(10, TimeUnit.SECONDS).then().statusCode(201);
        }
    }
}
