package io.peakgate.agents;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.DatabaseFault;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents' check/pay protocol, answered in the OSMP XML layout. */
@QuarkusTest
class AgentProtocolTest {

    private static final String PATH = "/v1/agents/demo-agent/pay";

    @Inject
    AgroalDataSource ds;

    private static RequestSpecification agent() {
        return RestAssured.given().auth().preemptive().basic("demo-agent", "demo-agent-secret");
    }

    private static XmlPath call(RequestSpecification spec, int status, Object... params) {
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam((String) params[i], params[i + 1]);
        }
        return spec.when().get(PATH).then().statusCode(status).contentType("application/xml").extract().xmlPath();
    }

    private static String txn() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 10));
    }

    @Test
    void checkAnswersWhetherTheAccountMayBePaid() {
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "2256884759", "sum", "425.00")
                .getInt("response.result")).isEqualTo(0);
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "2256884758", "sum", "425.00")
                .getInt("response.result")).isEqualTo(5);
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "22568", "sum", "425.00")
                .getInt("response.result")).isEqualTo(4);
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "2256884759", "sum", "0.10")
                .getInt("response.result")).isEqualTo(241);
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "2256884759", "sum", "99999.00")
                .getInt("response.result")).isEqualTo(242);
        assertThat(call(agent(), 200, "command", "check", "txn_id", txn(), "account", "2256884759", "supplier", "mosenergo")
                .getInt("response.result")).isEqualTo(7);
        assertThat(call(agent(), 200, "command", "refund", "txn_id", txn(), "account", "2256884759")
                .getInt("response.result")).isEqualTo(300);
        assertThat(call(agent(), 200, "command", "pay", "txn_id", "12ab", "account", "2256884759")
                .getInt("response.result")).isEqualTo(300);
    }

    @Test
    void payRecordsOnceAndARepeatReturnsTheFirstResult() throws Exception {
        String txn = txn();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<XmlPath>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> call(agent(), 200, "command", "pay", "txn_id", txn,
                    "txn_date", "20261123103000", "account", "2256884759", "sum", "425.00"), pool));
        }
        Set<String> prvTxns = new HashSet<>();
        for (CompletableFuture<XmlPath> c : calls) {
            XmlPath answer = c.get(30, TimeUnit.SECONDS);
            assertThat(answer.getInt("response.result")).isEqualTo(0);
            assertThat(answer.getString("response.osmp_txn_id")).isEqualTo(txn);
            assertThat(answer.getString("response.sum")).isEqualTo("425.00");
            prvTxns.add(answer.getString("response.prv_txn"));
        }
        pool.shutdown();
        assertThat(prvTxns).hasSize(1);
        String prvTxn = prvTxns.iterator().next();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-agent:" + txn)).isEqualTo(1);
        assertThat(KafkaTopic.records(Topics.PAYMENTS, r -> r.value().contains("\"providerReference\":\"demo-agent:" + txn + "\"")
                && r.value().contains("\"number\":" + prvTxn + ","), 1, Duration.ofSeconds(20), Duration.ofSeconds(1))).hasSize(1);
        // the same txn_id with another sum is refused; the first payment stands
        assertThat(call(agent(), 200, "command", "pay", "txn_id", txn, "txn_date", "20261123103000",
                "account", "2256884759", "sum", "1.00").getInt("response.result")).isEqualTo(300);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-agent:" + txn)).isEqualTo(1);
    }

    @Test
    void aFailedPayIsAlsoAnsweredTheSameWayWhenRepeated() {
        String txn = txn();
        for (int i = 0; i < 2; i++) {
            XmlPath answer = call(agent(), 200, "command", "pay", "txn_id", txn, "account", "2256884758", "sum", "10.00");
            assertThat(answer.getInt("response.result")).isEqualTo(5);
        }
    }

    @Test
    void agentsMustAuthenticate() {
        String txn = txn();
        XmlPath anonymous = call(RestAssured.given(), 200, "command", "check", "txn_id", txn, "account", "2256884759");
        assertThat(anonymous.getInt("response.result")).isEqualTo(8);
        assertThat(anonymous.getString("response.osmp_txn_id")).isEqualTo(txn);
        assertThat(call(RestAssured.given().auth().preemptive().basic("demo-agent", "wrong"), 200,
                "command", "check", "txn_id", txn(), "account", "2256884759").getInt("response.result")).isEqualTo(8);
    }

    @Test
    void everyRefusalIsTheProtocolsXml() {
        // an unknown agent, a wrong method, a route below the agent's: still XML with a result code, never problem+json
        String unknown = RestAssured.given().auth().preemptive().basic("nobody", "x").queryParam("command", "check")
                .queryParam("txn_id", "1").queryParam("account", "2256884759").when().get("/v1/agents/nobody/pay")
                .then().statusCode(200).contentType("application/xml").extract().asString();
        assertThat(unknown).contains("<result>8</result>");
        String post = agent().when().post(PATH).then().statusCode(200).contentType("application/xml").extract().asString();
        assertThat(post).contains("<result>300</result>");
        String below = agent().when().get(PATH + "/more").then().statusCode(200).contentType("application/xml")
                .extract().asString();
        assertThat(below).contains("<result>300</result>");
    }

    @Test
    void aDatabaseFaultIsATemporaryErrorAndTheRetryPays() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String txn = txn();
        Object[] pay = {"command", "pay", "txn_id", txn, "account", account, "sum", "100.00", "supplier", "esplus"};
        XmlPath fault = DatabaseFault.during(ds, "agent:demo-agent", txn, () -> call(agent(), 200, pay));
        assertThat(fault.getInt("response.result")).isEqualTo(1);
        assertThat(fault.getString("response.osmp_txn_id")).isEqualTo(txn);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-agent:" + txn)).isZero();
        assertThat(call(agent(), 200, pay).getInt("response.result")).isEqualTo(0);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-agent:" + txn)).isEqualTo(1);
    }

    @Test
    void aPayRepeatedAfterItsIdempotencyRecordExpiredAnswersTheFirstPayment() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String txn = txn();
        Object[] pay = {"command", "pay", "txn_id", txn, "account", account, "sum", "100.00", "supplier", "esplus"};
        String prvTxn = call(agent(), 200, pay).getString("response.prv_txn");
        // the janitor forgets idempotency records past their retention; the payment stays
        Fixtures.query(ds, "DELETE FROM idempotency_record WHERE client_id = 'agent:demo-agent' AND idem_key = ?", txn);
        XmlPath again = call(agent(), 200, pay);
        assertThat(again.getInt("response.result")).isEqualTo(0);
        assertThat(again.getString("response.prv_txn")).isEqualTo(prvTxn);
        Fixtures.query(ds, "DELETE FROM idempotency_record WHERE client_id = 'agent:demo-agent' AND idem_key = ?", txn);
        XmlPath otherSum = call(agent(), 200, "command", "pay", "txn_id", txn, "account", account, "sum", "200.00",
                "supplier", "esplus");
        assertThat(otherSum.getInt("response.result")).isEqualTo(300);
        assertThat(otherSum.getString("response.prv_txn")).isNullOrEmpty();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM payment WHERE provider_ref = ?", "demo-agent:" + txn)).isEqualTo(1);
    }
}
