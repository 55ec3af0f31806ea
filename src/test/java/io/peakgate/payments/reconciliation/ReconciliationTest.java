package io.peakgate.payments.reconciliation;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.peakgate.support.Api.portal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Settlement registries matched against the gateway's payments, with the real PostgreSQL. */
@QuarkusTest
class ReconciliationTest {

    @Inject
    AgroalDataSource ds;

    /** A day no other test pays on, so the day's report holds only this test's payments. */
    private final LocalDate day = LocalDate.of(2020, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2000));

    /** A sandbox payment that succeeded on {@link #day} with this provider reference. */
    private String succeeded(String account, long amount, String ref) {
        String id = Fixtures.waitingPayment(ds, "esplus", account, "sandbox", amount, "RUB").get("id").toString();
        Fixtures.query(ds, "UPDATE payment SET status = 'succeeded', provider_ref = ?, succeeded_at = ? WHERE id = ?::uuid",
                ref, day.atTime(12, 0).atOffset(ZoneOffset.UTC), id);
        return id;
    }

    private io.restassured.response.Response upload(String csv) {
        return portal().contentType("text/csv; charset=UTF-8").body(csv).when().put("/v1/reconciliation/sandbox/" + day);
    }

    private JsonPath report() {
        return portal().when().get("/v1/reconciliation/sandbox/" + day).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRegistryWithEachKindOfDiscrepancyYieldsTheRightReport() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String matched = succeeded(account, 10000, "ref-a-" + run);
        String mismatched = succeeded(account, 14000, "ref-b-" + run);
        String notTheirs = succeeded(account, 7000, "ref-c-" + run);
        String csv = """
                reference,amount,currency,settled_at
                ref-a-%1$s,10000,RUB,%2$sT10:00:00Z
                ref-b-%1$s,15000,RUB,%2$sT10:01:00Z
                ref-x-%1$s,500,RUB,%2$sT10:02:00Z
                """.formatted(run, day);
        upload(csv).then().statusCode(200)
                .body("registry.lines", equalTo(3)).body("registry.total", equalTo(25500))
                .body("counts.matched", equalTo(1)).body("counts.missingOurs", equalTo(1))
                .body("counts.missingTheirs", equalTo(1)).body("counts.amountMismatch", equalTo(1));
        JsonPath report = report();
        assertThat(report.getString("items.missing_ours[0].providerReference")).isEqualTo("ref-x-" + run);
        assertThat(report.getLong("items.missing_ours[0].details.registry.value")).isEqualTo(500);
        assertThat(report.getString("items.amount_mismatch[0].paymentId")).isEqualTo(mismatched);
        assertThat(report.getLong("items.amount_mismatch[0].details.registry.value")).isEqualTo(15000);
        assertThat(report.getLong("items.amount_mismatch[0].details.ours.value")).isEqualTo(14000);
        assertThat(report.getString("items.missing_theirs[0].paymentId")).isEqualTo(notTheirs);
        // mismatches need a person: the payments are flagged, the matched one is not
        assertThat(PaymentsApi.get(mismatched).getBoolean("needsReview")).isTrue();
        assertThat(PaymentsApi.get(notTheirs).getBoolean("needsReview")).isTrue();
        assertThat(PaymentsApi.get(matched).getBoolean("needsReview")).isFalse();
        // importing the same registry again changes nothing
        upload(csv).then().statusCode(200).body("counts.matched", equalTo(1)).body("counts.missingOurs", equalTo(1));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM reconciliation_item WHERE provider = 'sandbox' AND registry_date = ?",
                day)).isEqualTo(3);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM settlement_line WHERE provider = 'sandbox' AND registry_date = ?",
                day)).isEqualTo(3);
    }

    @Test
    void aBadLineIsRefusedByNumberAndTheEarlierImportStands() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String ref = "ref-" + UUID.randomUUID();
        succeeded(account, 2500, ref);
        upload("reference,amount,currency\n" + ref + ",2500,RUB\n").then().statusCode(200).body("counts.matched", equalTo(1));
        upload("reference,amount,currency\n" + ref + ",2500,RUB\nref-2,12.50,RUB\n").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("reconciliation.invalid_line"))
                .body("line", equalTo(3));
        upload("ref,sum\nx,1\n").then().statusCode(422).body("code", equalTo("reconciliation.invalid_line"));
        // a spreadsheet's export: byte-order mark, CRLF line ends, quoted fields
        upload("\uFEFFReference,Amount,Currency\r\n\"" + ref + "\",2500,RUB\r\n").then().statusCode(200)
                .body("counts.matched", equalTo(1));
        assertThat(report().getInt("registry.lines")).isEqualTo(1);
        assertThat(report().getInt("counts.matched")).isEqualTo(1);
    }

    @Test
    void paymentsFlaggedByCallbacksAppearInTheDaysReport() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String id = Fixtures.waitingPayment(ds, "esplus", account, "sandbox", 42500, "RUB").get("id").toString();
        PaymentsApi.sandboxCallback("{\"eventId\":\"evt-" + UUID.randomUUID() + "\",\"paymentId\":\"" + id
                + "\",\"status\":\"succeeded\",\"amount\":100,\"currency\":\"RUB\"}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentsApi.get(id).getBoolean("needsReview"));
        LocalDate today = OffsetDateTime.now(ZoneOffset.UTC).toLocalDate();
        JsonPath report = portal().when().get("/v1/reconciliation/sandbox/" + today).then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getList("items.flagged_by_callbacks.paymentId")).contains(id);
        assertThat(report.getString("items.flagged_by_callbacks.find { it.paymentId == '%s' }.kind".formatted(id)))
                .isEqualTo("amount_mismatch");
    }

    @Test
    void anUploadIsTheFirstRequestOfAFreshKey() {
        // the upload runs on a worker thread; the key's first lookup must still work there
        String key = "recon-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "recon-" + key, key, "esplus kyivenergo ntvplus", "reconciliation");
        RestAssured.given().header("Authorization", "Bearer " + key).contentType("text/csv")
                .body("reference,amount,currency\nref-" + key + ",100,RUB\n")
                .when().put("/v1/reconciliation/sandbox/" + day).then().statusCode(200)
                .body("registry.lines", equalTo(1)).body("counts.missingOurs", equalTo(1));
    }

    @Test
    void onlyReconciliationClientsKnownProvidersAndRealDays() {
        String key = "recon-less-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "no-recon-" + key, key, "esplus", "payments:write accounts:read");
        RestAssured.given().header("Authorization", "Bearer " + key).when().get("/v1/reconciliation/sandbox/" + day)
                .then().statusCode(403).body("code", equalTo("auth.scope_missing"));
        RestAssured.given().header("Authorization", "Bearer " + key).contentType("text/csv").body("reference,amount,currency\n")
                .when().put("/v1/reconciliation/sandbox/" + day).then().statusCode(403);
        portal().when().get("/v1/reconciliation/nosuchprovider/" + day).then().statusCode(404)
                .body("code", equalTo("reconciliation.provider_unknown"));
        portal().when().get("/v1/reconciliation/sandbox/2026-13-45").then().statusCode(400)
                .body("code", equalTo("request.invalid"));
        portal().when().get("/v1/reconciliation/sandbox/1999-01-01").then().statusCode(404)
                .body("code", equalTo("reconciliation.not_found"));
        RestAssured.given().header("Authorization", "Bearer demo-ops-key").when()
                .get("/v1/reconciliation/sandbox/1999-01-01").then().statusCode(404);
    }

    @Test
    void aRegistryIsReadAndReplacedOnlyByAKeyGrantedEverySupplierItSpans() {
        // the sandbox collects for all three demo suppliers: a key of one supplier reaches none of its registries
        String key = "recon-esplus-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "recon-" + key, key, "esplus", "reconciliation");
        String report = RestAssured.given().header("Authorization", "Bearer " + key).when()
                .get("/v1/reconciliation/sandbox/" + day).then().statusCode(404)
                .body("code", equalTo("reconciliation.provider_unknown")).extract().path("detail");
        String unknown = RestAssured.given().header("Authorization", "Bearer " + key).when()
                .get("/v1/reconciliation/nosuchprovider/" + day).then().statusCode(404).extract().path("detail");
        assertThat(report).isEqualTo(unknown.replace("nosuchprovider", "sandbox"));
        RestAssured.given().header("Authorization", "Bearer " + key).contentType("text/csv")
                .body("reference,amount,currency\nref-" + key + ",100,RUB\n")
                .when().put("/v1/reconciliation/sandbox/" + day).then().statusCode(404);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM settlement_line WHERE provider_ref = ?", "ref-" + key)).isZero();
        // LiqPay is configured for every demo supplier too; a key of all three reads it
        portal().when().get("/v1/reconciliation/liqpay/1999-01-01").then().statusCode(404)
                .body("code", equalTo("reconciliation.not_found"));
    }
}
