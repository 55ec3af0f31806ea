package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The bulk import of accounts (PUT /v1/admin/suppliers/{supplier}/accounts) with the real PostgreSQL: what it
 * creates takes a verification and a reading, a second import of the same file touches no row, a bad line keeps
 * nothing (the test profile applies a chunk every two staged lines, so earlier chunks were written and must be
 * rolled back), and only an admin key granted the supplier may import.
 */
@io.quarkus.test.junit.QuarkusTest
class AccountImportTest {

    private static final String HEADER = "account,holder,address,last_payment_amount,last_payment_at,closed,meter,service,"
            + "digits,register,last_value,usual_consumption\n";

    @Inject
    AgroalDataSource ds;

    /** This test's accounts: ten digits (esplus' format), a prefix no other test uses. */
    private String prefix;
    private String adminKey;

    @BeforeEach
    void admin() {
        prefix = String.valueOf(ThreadLocalRandom.current().nextLong(5_000_000L, 9_999_999L));
        adminKey = "import-admin-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "import-admin-" + prefix, adminKey, "esplus", "admin");
    }

    private String account(int n) {
        return prefix + String.format("%03d", n);
    }

    private ValidatableResponse upload(String key, String type, String body, String query) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType(type + "; charset=UTF-8")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().put("/v1/admin/suppliers/esplus/accounts" + query).then();
    }

    private ValidatableResponse csv(String body) {
        return upload(adminKey, "text/csv", body, "");
    }

    /** Every row of this test's accounts, meters and registers with its version (xmin) and updated_at. */
    private List<String> rows() {
        return Fixtures.strings(ds, """
                SELECT 'a' || a.number || ':' || a.xmin || ':' || a.updated_at FROM account a WHERE a.number LIKE ?
                UNION ALL SELECT 'm' || m.code || ':' || m.xmin || ':' || coalesce(m.removed_at::text, '')
                FROM meter m JOIN account a ON a.id = m.account_id WHERE a.number LIKE ?
                UNION ALL SELECT 'r' || m.code || r.register || ':' || r.xmin FROM meter_register r
                JOIN meter m ON m.id = r.meter_id JOIN account a ON a.id = m.account_id WHERE a.number LIKE ?
                ORDER BY 1""", prefix + "%", prefix + "%", prefix + "%");
    }

    @Test
    void aCsvImportCreatesAccountsThatVerifyAndTakeReadingsAndAgainChangesNothing() {
        String a = account(1);
        String b = account(2);
        String file = HEADER
                + a + ",Иванова,\"Красноярск, ул. Мира 1, кв. 1\",42500,2026-11-25T10:00:00Z,false,E-" + a + ",electricity,5,T1,12000,300\n"
                + a + ",Иванова,\"Красноярск, ул. Мира 1, кв. 1\",42500,2026-11-25T10:00:00Z,false,E-" + a + ",electricity,5,T2,5000,100\n"
                + b + ",Петров,,,,,,,,,,\n";
        csv(file).statusCode(200).body("supplier", equalTo("esplus")).body("received", equalTo(2))
                .body("created", equalTo(2)).body("updated", equalTo(0)).body("unchanged", equalTo(0))
                .body("closed", equalTo(0));
        List<String> before = rows();
        assertThat(before).hasSize(2 + 1 + 2);

        csv(file).statusCode(200).body("received", equalTo(2)).body("created", equalTo(0))
                .body("updated", equalTo(0)).body("unchanged", equalTo(2));
        assertThat(rows()).as("a second import of the same file touches no row").isEqualTo(before);

        portal().body("{\"account\":\"" + a + "\",\"surname\":\"Иванова\"}").when().post("/v1/suppliers/esplus/verify")
                .then().statusCode(200);
        portal().body("{\"account\":\"" + b + "\",\"surname\":\"Петров\"}").when().post("/v1/suppliers/esplus/verify")
                .then().statusCode(200);
        write().body("{\"meter\":\"E-" + a + "\",\"values\":[{\"register\":\"T1\",\"value\":12100},"
                        + "{\"register\":\"T2\",\"value\":5050}]}")
                .when().post(readingsPath("esplus", a)).then().statusCode(201);
        assertThat(Fixtures.lastValue(ds, "esplus", a, "T1")).isEqualTo(12100);

        // billing's file as of before that reading: the reading stands, and nothing else differs
        String asOf = Fixtures.strings(ds, """
                SELECT to_char(billing_as_of AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM account WHERE number = ?""",
                a).getFirst();
        upload(adminKey, "text/csv", file, "?asOf=" + asOf).statusCode(200).body("unchanged", equalTo(2));
        assertThat(Fixtures.lastValue(ds, "esplus", a, "T1")).isEqualTo(12100);
    }

    @Test
    void anNdjsonImportAppliesMetersClosureAndLastPaymentAsBillingListsThem() {
        String a = account(1);
        String first = "{\"account\":\"" + a + "\",\"holder\":\"Иванова\",\"address\":\"Красноярск, ул. Мира 1, кв. 1\","
                + "\"lastPayment\":{\"amount\":42500,\"at\":\"2026-11-25T10:00:00Z\"},\"closed\":false,"
                + "\"meters\":[{\"meter\":\"E-1\",\"service\":\"electricity\",\"digits\":5,"
                + "\"registers\":[{\"register\":\"T1\",\"lastValue\":12000,\"usualConsumption\":300}]},"
                + "{\"meter\":\"E-2\",\"service\":\"electricity\",\"digits\":6,"
                + "\"registers\":[{\"register\":\"T1\",\"lastValue\":700}]}]}\n"
                + "{\"account\":\"" + account(2) + "\",\"holder\":\"Петров\"}\n";
        upload(adminKey, "application/x-ndjson", first, "").statusCode(200).body("received", equalTo(2))
                .body("created", equalTo(2));
        assertThat(Fixtures.value(ds, "SELECT last_payment_amount FROM account WHERE number = ?", a)).isEqualTo(42500L);
        portal().body("{\"account\":\"" + a + "\",\"surname\":\"Иванова\"}").when().post("/v1/suppliers/esplus/verify")
                .then().statusCode(200);
        write().body(reading("E-1", "T1", 12100)).when().post(readingsPath("esplus", a)).then().statusCode(201);

        // billing now lists only E-2, with a new usual consumption, and closes the account
        String second = "{\"account\":\"" + a + "\",\"holder\":\"Иванова\",\"address\":\"Красноярск, ул. Мира 1, кв. 1\","
                + "\"lastPayment\":{\"amount\":42500,\"at\":\"2026-11-25T10:00:00Z\"},\"closed\":true,"
                + "\"meters\":[{\"meter\":\"E-2\",\"service\":\"electricity\",\"digits\":6,"
                + "\"registers\":[{\"register\":\"T1\",\"lastValue\":700,\"usualConsumption\":50}]}]}\n"
                + "{\"account\":\"" + account(2) + "\",\"holder\":\"Петров\"}\n";
        upload(adminKey, "application/x-ndjson", second, "").statusCode(200).body("received", equalTo(2))
                .body("created", equalTo(0)).body("updated", equalTo(1)).body("unchanged", equalTo(1))
                .body("closed", equalTo(1));
        assertThat(Fixtures.count(ds, """
                SELECT count(*) FROM meter m JOIN account a ON a.id = m.account_id
                WHERE a.number = ? AND m.code = 'E-1' AND m.removed_at IS NOT NULL""", a)).isEqualTo(1);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM account WHERE number = ? AND closed_at IS NOT NULL", a))
                .isEqualTo(1);
        assertThat(Fixtures.count(ds, """
                SELECT r.usual_consumption FROM meter_register r JOIN meter m ON m.id = r.meter_id
                JOIN account a ON a.id = m.account_id WHERE a.number = ? AND m.code = 'E-2'""", a)).isEqualTo(50);

        // the first file again, as of now: E-1 comes back, the account reopens, and billing's value (as of after the
        // reading) replaces the reading's
        assertThat(Fixtures.count(ds, """
                SELECT r.last_value FROM meter_register r JOIN meter m ON m.id = r.meter_id
                JOIN account a ON a.id = m.account_id WHERE a.number = ? AND m.code = 'E-1'""", a)).isEqualTo(12100);
        upload(adminKey, "application/x-ndjson", first, "").statusCode(200).body("updated", equalTo(1))
                .body("closed", equalTo(0));
        assertThat(Fixtures.count(ds, """
                SELECT count(*) FROM meter m JOIN account a ON a.id = m.account_id
                WHERE a.number = ? AND m.removed_at IS NULL AND a.closed_at IS NULL""", a)).isEqualTo(2);
        assertThat(Fixtures.count(ds, """
                SELECT r.last_value FROM meter_register r JOIN meter m ON m.id = r.meter_id
                JOIN account a ON a.id = m.account_id WHERE a.number = ? AND m.code = 'E-1'""", a)).isEqualTo(12000);
    }

    @Test
    void aBadLineIsRefusedByNumberAndNothingIsKept() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int n = 1; n <= 5; n++) {
            // line 3 (the header is line 1) has a meter of 13 digits
            file.append(account(n)).append(",Holder").append(n).append(",,,,,E-").append(n).append(",electricity,")
                    .append(n == 2 ? 13 : 5).append(",T1,100,10\n");
        }
        csv(file.toString()).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("import.invalid_line")).body("line", equalTo(3))
                .body("errors.field", hasItem("line 3 digits"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM account WHERE number LIKE ?", prefix + "%")).isZero();

        // an account listed again after others (the first chunks were already applied, then rolled back)
        String again = HEADER + account(1) + ",A,,,,,,,,,,\n" + account(2) + ",B,,,,,,,,,,\n" + account(3) + ",C,,,,,,,,,,\n"
                + account(1) + ",A,,,,,,,,,,\n";
        csv(again).statusCode(422).body("code", equalTo("import.invalid_line")).body("line", equalTo(5))
                .body("errors.field", hasItem("line 5 account"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM account WHERE number LIKE ?", prefix + "%")).isZero();

        csv(HEADER + "12345," + "X,,,,,,,,,,\n").statusCode(422).body("line", equalTo(2))
                .body("errors.field", hasItem("line 2 account"));
        upload(adminKey, "application/x-ndjson", "{\"account\":\"" + account(1) + "\",\"holder\":\"A\"}\n"
                + "{\"account\":\"" + account(2) + "\",\"holder\":\"B\",\"meters\":[{\"meter\":\"E-1\","
                + "\"service\":\"gas\",\"digits\":5,\"registers\":[{\"register\":\"T1\"}]}]}\n", "")
                .statusCode(422).body("line", equalTo(2)).body("errors.field", hasItem("line 2 meters[0].service"));
        upload(adminKey, "application/x-ndjson", "{\"account\":\"" + account(1) + "\",\"holder\":\"A\",\"nickname\":\"x\"}\n", "")
                .statusCode(422).body("line", equalTo(1)).body("errors.field", hasItem("line 1 nickname"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM account WHERE number LIKE ?", prefix + "%")).isZero();
    }

    @Test
    void onlyAnAdminKeyGrantedTheSupplierImportsAndOnlyCsvOrNdjson() {
        String body = HEADER + account(1) + ",A,,,,,,,,,,\n";
        upload("demo-portal-key", "text/csv", body, "").statusCode(403).body("code", equalTo("auth.scope_missing"));
        String otherKey = "import-other-" + UUID.randomUUID();
        Fixtures.apiClient(ds, "import-other-" + prefix, otherKey, "kyivenergo", "admin");
        upload(otherKey, "text/csv", body, "").statusCode(403).body("code", equalTo("auth.supplier_forbidden"));
        upload(adminKey, "application/json", "{}", "").statusCode(415)
                .body("code", equalTo("request.unsupported_media_type"));
        upload(adminKey, "text/csv", body, "?asOf=2999-01-01T00:00:00Z").statusCode(400)
                .body("code", equalTo("request.invalid"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM account WHERE number LIKE ?", prefix + "%")).isZero();
    }
}
