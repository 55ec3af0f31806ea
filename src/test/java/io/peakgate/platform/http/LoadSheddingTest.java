package io.peakgate.platform.http;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Management;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * At capacity the gateway answers at once with 503 and Retry-After instead of queueing (partners in
 * their own protocol), while provider callbacks still get in on their reserved share; the requests
 * it admitted all finish. The limit is held at 2 (the hard cap; the test profile's floor is clamped
 * to it), and two readings are held in flight on their meters' register rows, which the test locks.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.TwoAtATime.class)
class LoadSheddingTest {

    public static class TwoAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("peakgate.http.max-in-flight", "2", "peakgate.http.shedding.retry-after", "3S");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void aRequestBeyondCapacityIsShedAtOnceWhileCallbacksGetInAndTheAdmittedFinish() throws Exception {
        String first = Fixtures.esplusAccount(ds, "E-9", 1000);
        String second = Fixtures.esplusAccount(ds, "E-9", 1000);
        String other = Fixtures.esplusAccount(ds, "E-9", 1000);
        String payment = PaymentsApi.card(other, 42500, "4111111111111111").getString("id");
        double shedBefore = metric("peakgate_http_shed_total{partition=\"api\"}");
        double callbacksShedBefore = metric("peakgate_http_shed_total{partition=\"callbacks\"}");
        List<CompletableFuture<Response>> held;
        // a thread per held request (the common pool may have one thread only)
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement("SELECT 1 FROM meter_register r JOIN meter m ON m.id = r.meter_id "
                    + "JOIN account a ON a.id = m.account_id WHERE a.supplier = 'esplus' AND a.number IN (?, ?) FOR UPDATE")) {
                st.setString(1, first);
                st.setString(2, second);
                st.executeQuery().close();
            }
            // the two admitted requests wait on the row locks, holding the whole limit
            held = List.of(first, second).stream().map(account -> CompletableFuture.supplyAsync(() ->
                    write().body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", account)), clients)).toList();
            // (both admitted; their group commit waits on a locked row: one group holding both, or one each)
            await().atMost(20, TimeUnit.SECONDS).until(() -> metric("peakgate_http_in_flight") == 2
                    && Fixtures.count(ds, "SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 1);
            assertThat(metric("peakgate_http_in_flight")).isEqualTo(2);
            assertThat(metric("peakgate_http_limit")).isEqualTo(2);

            // a portal's request is shed at once, not queued: problem+json and the configured Retry-After,
            // its instance the request id it was given before shedding
            Response shed = write().body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", other));
            shed.then().time(lessThan(2000L)).statusCode(503).header("Retry-After", "3")
                    .contentType("application/problem+json").body("code", equalTo("service.overloaded"));
            assertThat(shed.jsonPath().getString("instance")).isEqualTo("urn:uuid:" + shed.header("X-Request-Id"));
            // the page its type names is served meanwhile: outside the limit, like health
            RestAssured.given().when().get(shed.jsonPath().getString("type")).then().time(lessThan(2000L)).statusCode(200)
                    .contentType("text/html;charset=UTF-8");
            // a provider's callback gets in on its reserved share and is acknowledged
            PaymentsApi.sandboxCallback("{\"eventId\":\"evt-shed\",\"paymentId\":\"" + payment
                    + "\",\"status\":\"succeeded\",\"amount\":42500,\"currency\":\"RUB\",\"providerRef\":\"sbx_shed\"}")
                    .then().statusCode(200);
            // partners are shed in their own protocol: the agents' XML with result 1 (retry), the aggregators' reply
            String agent = RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret")
                    .when().get("/v1/agents/demo-agent/pay?command=check&txn_id=77&account=2256884759")
                    .then().time(lessThan(2000L)).statusCode(200).header("Retry-After", "3").contentType("application/xml")
                    .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract().asString();
            assertThat(agent).contains("<result>1</result>", "<osmp_txn_id>77</osmp_txn_id>");
            RestAssured.given().contentType("application/json").body("{}").when().post("/v1/sms/demo-sms/inbound")
                    .then().time(lessThan(2000L)).statusCode(200).contentType("application/json")
                    .body("code", equalTo("service.overloaded")).body("reply", containsString("временно недоступен"));
            // health stays outside the limit (on the management interface, which has no limit)
            Management.given().when().get("/q/health/live").then().statusCode(200);
            assertThat(metric("peakgate_http_shed_total{partition=\"api\"}") - shedBefore).isEqualTo(3);
            assertThat(metric("peakgate_http_shed_total{partition=\"callbacks\"}")).isEqualTo(callbacksShedBefore);
            assertThat(Fixtures.readings(ds, "esplus", other)).isZero();
            holder.rollback();
        } finally {
            clients.shutdown();
        }
        // released: the held requests finish normally, and new ones are admitted again
        for (CompletableFuture<Response> request : held) {
            request.get(20, TimeUnit.SECONDS).then().statusCode(201);
        }
        assertThat(Fixtures.readings(ds, "esplus", first)).isEqualTo(1);
        assertThat(Fixtures.readings(ds, "esplus", second)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("peakgate_http_in_flight") == 0);
        write().body(reading("E-9", "T1", 1100)).when().post(readingsPath("esplus", other)).then().statusCode(201);
        assertThat(Fixtures.readings(ds, "esplus", other)).isEqualTo(1);
        PaymentsApi.awaitStatus(payment, "succeeded");
        // nothing lost, nothing doubled: each accepted reading reaches billing once, the shed one only as its retry
        for (String account : List.of(first, second, other)) {
            assertThat(KafkaTopic.withKey(Topics.READINGS, "esplus:" + account, 1)).as(account).hasSize(1);
        }
    }

    private static double metric(String series) {
        String metrics = Management.metrics();
        return metrics.lines().filter(l -> l.startsWith(series + " ") || l.startsWith(series + "{"))
                .mapToDouble(Management::value).sum();
    }
}
