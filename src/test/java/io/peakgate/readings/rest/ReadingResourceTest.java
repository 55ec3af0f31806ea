package io.peakgate.readings.rest;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The readings API against the real PostgreSQL, Redis and Kafka: every domain rule and its error code.
 * Over 250 lines on purpose: one case per rule of SPEC 4.1 for the readings API.
 */
@QuarkusTest
class ReadingResourceTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @BeforeEach
    void insideTheEsplusWindow() {
        clock.set(ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, MOSCOW));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void acceptsAReadingAndStoresIt() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        write().body(reading("E-9", "T1", 12345))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("period", equalTo("2026-11"))
                .body("status", equalTo("accepted"))
                .body("late", equalTo(false))
                .body("registers[0].register", equalTo("T1"))
                .body("registers[0].previous", equalTo(12000))
                .body("registers[0].current", equalTo(12345))
                .body("registers[0].consumption", equalTo(345))
                .body("registers[0].rollover", equalTo(false))
                // 345 kWh at the 2026-07-01 tariff of 6.47 RUB
                .body("estimatedCharge.value", equalTo(345 * 647))
                .body("estimatedCharge.currency", equalTo("RUB"));
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12345L);
    }

    @Test
    void theFixedDemoAccountTakesAReading() {
        portal().queryParam("dryRun", true).body(reading("E-1", "T1", 99999))
                .when().post(readingsPath("esplus", "3300000001"))
                .then().statusCode(422).body("code", equalTo("reading.implausible"));
    }

    @Test
    void dryRunChecksAndStoresNothing() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        portal().queryParam("dryRun", true).body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("id", nullValue())
                .body("registers[0].consumption", equalTo(100))
                .body("estimatedCharge.value", equalTo(100 * 647));
        assertThat(Fixtures.readings(ds, "esplus", account)).isZero();
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12000L);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE kafka_key = ?", "esplus:" + account)).isZero();
    }

    @Test
    void fractionalValuesAreRefusedWhereThePolicySaysSo() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        write().body(reading("E-9", "T1", "12345.6"))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("reading.not_integer"))
                .body("errors[0].field", equalTo("values[0].value"))
                .body("detail", containsString("12345.6"));
        assertThat(Fixtures.readings(ds, "esplus", account)).isZero();
    }

    @Test
    void fractionalValuesAreRoundedDownWhereThePolicySaysSo() {
        clock.set(ZonedDateTime.of(2026, 11, 28, 9, 0, 0, 0, KYIV));
        String account = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 1200, 3);
        write().body(reading("H-9", "T1", "1204.9"))
                .when().post(readingsPath("kyivenergo", account))
                .then().statusCode(201)
                .body("registers[0].current", equalTo(1204))
                .body("registers[0].consumption", equalTo(4))
                .body("estimatedCharge.value", equalTo(4 * 165418))
                .body("estimatedCharge.currency", equalTo("UAH"))
                .body("warnings.code", hasItem("reading.rounded"));
    }

    @Test
    void aReadingBelowThePreviousIsRefused() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        write().body(reading("E-9", "T1", 11000))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422)
                .body("code", equalTo("reading.below_previous"))
                .body("previous", equalTo(12000));
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12000L);
    }

    @Test
    void aMeterThatRollsOverIsAccepted() {
        String account = Fixtures.esplusAccount(ds, "E-9", 5, 250, Map.of("T1", 99950L));
        write().body(reading("E-9", "T1", 30))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(201)
                .body("registers[0].previous", equalTo(99950))
                .body("registers[0].current", equalTo(30))
                .body("registers[0].consumption", equalTo(80))
                .body("registers[0].rollover", equalTo(true));
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(30L);
    }

    @Test
    void implausibleConsumptionNeedsAnExplicitConfirmation() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        write().body(reading("E-9", "T1", 9000))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422)
                .body("code", equalTo("reading.implausible"))
                .body("consumption", equalTo(8000))
                .body("detail", containsString("8000"));
        assertThat(Fixtures.readings(ds, "esplus", account)).isZero();

        write().body("{\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":9000}],\"confirmImplausible\":true}")
                .when().post(readingsPath("esplus", account))
                .then().statusCode(201)
                .body("status", equalTo("needs_review"))
                .body("warnings.code", hasItem("reading.needs_review"));
        assertThat(Fixtures.count(ds, """
                SELECT count(*) FROM reading r JOIN account a ON a.id = r.account_id
                WHERE a.number = ? AND r.needs_review""", account)).isEqualTo(1);
    }

    @Test
    void aClosedWindowNamesTheDateTheNextOneOpens() {
        clock.set(ZonedDateTime.of(2026, 11, 3, 10, 0, 0, 0, KYIV));
        String account = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 1200, 3);
        write().body(reading("H-9", "T1", 1203))
                .when().post(readingsPath("kyivenergo", account))
                .then().statusCode(422)
                .body("code", equalTo("reading.window_closed"))
                .body("nextWindowOpensAt", equalTo("2026-11-24T00:00:00+02:00"));
        assertThat(Fixtures.readings(ds, "kyivenergo", account)).isZero();
    }

    @Test
    void theFirstOfTheNextMonthStillCountsForTheClosingPeriod() {
        clock.set(ZonedDateTime.of(2026, 12, 1, 23, 30, 0, 0, KYIV));
        String account = Fixtures.kyivenergoAccount(ds, "W-9", "hot-water", 450, 4);
        write().body(reading("W-9", "T1", 455))
                .when().post(readingsPath("kyivenergo", account))
                .then().statusCode(201)
                .body("period", equalTo("2026-11"))
                .body("estimatedCharge.value", equalTo(5 * 9997));
    }

    @Test
    void aLateReadingGoesToTheNextPeriodWhereThePolicySaysSo() {
        clock.set(ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, MOSCOW));
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        write().body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(201)
                .body("late", equalTo(true))
                .body("period", equalTo("2026-12"))
                .body("warnings.code", hasItem("reading.late"));
    }

    @Test
    void theTariffInForceOnTheDayPricesTheCharge() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        clock.set(ZonedDateTime.of(2026, 6, 20, 10, 0, 0, 0, MOSCOW));
        portal().queryParam("dryRun", true).body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(200).body("estimatedCharge.value", equalTo(100 * 612));
        clock.set(ZonedDateTime.of(2026, 7, 1, 10, 0, 0, 0, MOSCOW));
        portal().queryParam("dryRun", true).body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(200).body("estimatedCharge.value", equalTo(100 * 647));
    }

    @Test
    void aTwoRateMeterSubmitsBothRegistersTogether() {
        Map<String, Long> registers = new LinkedHashMap<>();
        registers.put("T1", 20000L);
        registers.put("T2", 8000L);
        String account = Fixtures.esplusAccount(ds, "E-2", 6, 250, registers);
        write().body(reading("E-2", "T1", 20100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422).body("code", equalTo("register.missing")).body("missing", hasItem("T2"));
        write().body(reading("E-2", "T3", 1))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422).body("code", equalTo("register.unknown"))
                .body("errors[0].field", equalTo("values[0].register"));
        write().body("{\"meter\":\"E-2\",\"values\":[{\"register\":\"T1\",\"value\":20100},{\"register\":\"T2\",\"value\":8050}]}")
                .when().post(readingsPath("esplus", account))
                .then().statusCode(201)
                .body("registers.size()", equalTo(2))
                .body("registers[1].register", equalTo("T2"))
                .body("registers[1].consumption", equalTo(50))
                .body("estimatedCharge.value", equalTo(100 * 647 + 50 * 324));
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T2")).isEqualTo(8050L);
    }

    @Test
    void unknownAccountsAndMetersAreNamed() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        write().body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", "3399999999"))
                .then().statusCode(404).body("code", equalTo("account.not_found"));
        write().body(reading("E-9", "T1", 12100))
                .when().post(readingsPath("esplus", "not-an-account"))
                .then().statusCode(404).body("code", equalTo("account.not_found"));
        write().body(reading("E-404", "T1", 12100))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(404).body("code", equalTo("meter.not_found"));
    }

    @Test
    void aValueBeyondTheMeterCapacityOrNegativeIsRefused() {
        String account = Fixtures.esplusAccount(ds, "E-9", 5, 250, Map.of("T1", 100L));
        write().body(reading("E-9", "T1", 100000))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422).body("code", equalTo("reading.exceeds_capacity"));
        write().body(reading("E-9", "T1", -5))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422).body("code", equalTo("reading.negative"));
        write().body(reading("E-9", "T1", "1e400"))
                .when().post(readingsPath("esplus", account))
                .then().statusCode(422).body("code", equalTo("reading.exceeds_capacity"));
    }

    @Test
    void aBatchReturnsOneResultPerItem() {
        String good = Fixtures.esplusAccount(ds, "E-9", 12000);
        String implausible = Fixtures.esplusAccount(ds, "E-9", 1000);
        String body = """
                {"readings":[
                  {"account":"%s","meter":"E-9","values":[{"register":"T1","value":12100}]},
                  {"account":"3399999999","meter":"E-9","values":[{"register":"T1","value":1}]},
                  {"account":"%s","meter":"E-9","values":[{"register":"T1","value":90000}]},
                  {"account":"%s","meter":"E-9","values":[{"register":"T1","value":12150}]}
                ]}""".formatted(good, implausible, good);
        write().body(body).when().post("/v1/suppliers/esplus/readings/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(2))
                .body("results[0].status", equalTo("accepted"))
                .body("results[0].reading.registers[0].consumption", equalTo(100))
                .body("results[1].problem.code", equalTo("account.not_found"))
                .body("results[2].problem.code", equalTo("reading.implausible"))
                // the second reading of the same register sees the first
                .body("results[3].reading.registers[0].previous", equalTo(12100))
                .body("results[3].reading.registers[0].consumption", equalTo(50));
        assertThat(Fixtures.readings(ds, "esplus", good)).isEqualTo(2);
        assertThat(Fixtures.readings(ds, "esplus", implausible)).isZero();
        assertThat(Fixtures.lastValue(ds, "esplus", good, "T1")).isEqualTo(12150L);
    }

    @Test
    void aBatchOfMoreThanAThousandIsRefused() {
        String item = "{\"account\":\"3300000001\",\"meter\":\"E-1\",\"values\":[{\"register\":\"T1\",\"value\":1}]}";
        String body = "{\"readings\":[" + String.join(",", java.util.Collections.nCopies(1001, item)) + "]}";
        write().body(body).when().post("/v1/suppliers/esplus/readings/batch")
                .then().statusCode(400).body("code", equalTo("request.invalid"))
                .body("errors[0].field", equalTo("readings"));
    }

    @Test
    void clientsAuthenticateWithABearerKeyGrantedTheSupplier() {
        String path = readingsPath("esplus", "3300000001");
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(reading("E-1", "T1", 1))
                .when().post(path)
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("auth.missing"));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong")
                .body(reading("E-1", "T1", 1))
                .when().post(path)
                .then().statusCode(401).body("code", equalTo("auth.invalid"));
        Fixtures.apiClient(ds, "esplus-only", "esplus-only-key", "esplus", "readings:write");
        io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer esplus-only-key")
                .header("Idempotency-Key", "k").body(reading("H-1", "T1", 1))
                .when().post(readingsPath("kyivenergo", "100000000000001"))
                .then().statusCode(403).body("code", equalTo("auth.supplier_forbidden"));
    }

    @Test
    void writesNeedAnIdempotencyKey() {
        portal().body(reading("E-1", "T1", 12001))
                .when().post(readingsPath("esplus", "3300000001"))
                .then().statusCode(400).body("code", equalTo("idempotency.key_missing"));
        portal().header("Idempotency-Key", "has space").body(reading("E-1", "T1", 12001))
                .when().post(readingsPath("esplus", "3300000001"))
                .then().statusCode(400).body("code", equalTo("idempotency.key_invalid"));
    }
}
