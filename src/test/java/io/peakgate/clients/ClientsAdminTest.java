package io.peakgate.clients;

import io.agroal.api.AgroalDataSource;
import io.peakgate.platform.security.ApiKeyCache;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * API clients and keys through the admin API and the command line: a key is shown once and works, is never
 * listed or stored in the clear, a rotated-out key works for its grace period only, a revoked client's keys
 * are refused at once, an admin reaches only the clients of its own suppliers, bad input is a 4xx.
 */
@QuarkusTest
class ClientsAdminTest {

    private static final String ADMIN = "demo-admin-key";
    private static final String BALANCE = "/v1/suppliers/esplus/accounts/3300000001/balance";

    @Inject
    AgroalDataSource ds;

    @Inject
    ApiKeyCache cache;

    @Inject
    ClientsCommand command;

    private static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    private static String newId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 18);
    }

    private static String body(String id, String suppliers, String scopes, String extra) {
        return "{\"id\":\"" + id + "\",\"name\":\"Test portal\",\"suppliers\":" + suppliers + ",\"scopes\":" + scopes
                + extra + "}";
    }

    /** Creates an esplus client that reads balances; its answer. */
    private static JsonPath create(String admin, String id, String extra) {
        return as(admin).body(body(id, "[\"esplus\"]", "[\"accounts:read\"]", extra))
                .when().post("/v1/admin/clients")
                .then().statusCode(201).header("Location", endsWith("/v1/admin/clients/" + id)).header("Cache-Control", "no-store")
                .extract().jsonPath();
    }

    @Test
    void aCreatedKeyWorksIsShownOnceAndIsNeverListedOrStoredInTheClear() throws Exception {
        String id = newId();
        JsonPath created = create(ADMIN, id, ",\"returnOrigins\":[\"HTTPS://My.Portal.example:8443\"],\"publishable\":true");
        String secret = created.getString("secretKey");
        String publishable = created.getString("publishableKey");
        assertThat(secret).startsWith("pg_sk_").hasSizeGreaterThanOrEqualTo(38);
        assertThat(publishable).startsWith("pg_pk_").hasSizeGreaterThanOrEqualTo(38);
        assertThat(created.getList("client.returnOrigins", String.class)).containsExactly("https://my.portal.example:8443");
        assertThat(created.getList("client.keys.kind", String.class)).containsExactlyInAnyOrder("secret", "publishable");

        as(secret).when().get(BALANCE).then().statusCode(200);
        // the publishable key is a publishable key: not for reading balances
        as(publishable).when().get(BALANCE).then().statusCode(403).body("code", equalTo("auth.key_kind_forbidden"));

        String listed = as(ADMIN).when().get("/v1/admin/clients").then().statusCode(200).extract().asString();
        String one = as(ADMIN).when().get("/v1/admin/clients/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("keys[0].prefix", startsWith("pg_")).extract().asString();
        assertThat(listed).contains("\"" + id + "\"");
        for (String text : List.of(listed, one)) {
            assertThat(text).doesNotContain(secret).doesNotContain(publishable)
                    .doesNotContain(secret.substring(6)).doesNotContain(publishable.substring(6));
        }
        assertThat(JsonPath.from(one).getList("keys.prefix", String.class))
                .containsExactlyInAnyOrder(secret.substring(0, 10), publishable.substring(0, 10));

        // the same create again: refused, and the first key stands
        as(ADMIN).body(body(id, "[\"esplus\"]", "[\"accounts:read\"]", "")).when().post("/v1/admin/clients")
                .then().statusCode(409).body("code", equalTo("client.exists"));
        as(secret).when().get(BALANCE).then().statusCode(200);

        assertThat(clearKeysInTheDatabase(List.of(secret, publishable, secret.substring(6), publishable.substring(6))))
                .as("clear keys in any column").isEmpty();
        assertThat(Fixtures.strings(ds, "SELECT hash FROM api_key WHERE client_id = ?", id))
                .containsExactlyInAnyOrder(sha256(secret), sha256(publishable));
    }

    @Test
    void aRotatedOutKeyWorksForItsGracePeriodAndIsRefusedAfter() {
        String id = newId();
        String old = create(ADMIN, id, "").getString("secretKey");
        as(old).when().get(BALANCE).then().statusCode(200);

        JsonPath rotated = as(ADMIN).body("{\"grace\":\"PT3S\"}").when().post("/v1/admin/clients/" + id + "/rotate")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        String fresh = rotated.getString("secretKey");
        assertThat(fresh).startsWith("pg_sk_").isNotEqualTo(old);
        assertThat(rotated.getString("publishableKey")).isNull();
        OffsetDateTime graceEnds = OffsetDateTime.parse(rotated.getString("client.keys.find { it.expiresAt != null }.expiresAt"));

        as(fresh).when().get(BALANCE).then().statusCode(200);
        as(old).when().get(BALANCE).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                as(old).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid")));
        assertThat(OffsetDateTime.now()).as("refused only once the grace period ended").isAfterOrEqualTo(graceEnds);
        as(fresh).when().get(BALANCE).then().statusCode(200);

        // no grace: the key just replaced is refused at once, though it was cached a moment ago
        String third = as(ADMIN).body("{\"grace\":\"PT0S\"}").when().post("/v1/admin/clients/" + id + "/rotate")
                .then().statusCode(200).extract().path("secretKey");
        as(fresh).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid"));
        as(third).when().get(BALANCE).then().statusCode(200);
    }

    @Test
    void aRevokedClientsKeysAreRefusedAtOnce() {
        String id = newId();
        JsonPath created = create(ADMIN, id, ",\"publishable\":true");
        String secret = created.getString("secretKey");
        as(secret).when().get(BALANCE).then().statusCode(200);

        as(ADMIN).when().post("/v1/admin/clients/" + id + "/revoke").then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        as(secret).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid"));
        as(created.getString("publishableKey")).body("{}").when().post("/v1/tokens")
                .then().statusCode(401).body("code", equalTo("auth.invalid"));
        as(ADMIN).when().post("/v1/admin/clients/" + id + "/rotate").then().statusCode(409)
                .body("code", equalTo("client.revoked"));
        as(ADMIN).when().post("/v1/admin/clients/" + id + "/revoke").then().statusCode(200);
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM api_key WHERE client_id = ? AND revoked_at IS NULL", id)).isZero();
    }

    @Test
    void anAdminReachesOnlyTheClientsOfItsOwnSuppliers() {
        String esplusClient = newId();
        String esplusKey = create(ADMIN, esplusClient, "").getString("secretKey");
        String kyivAdmin = as(ADMIN).body(body(newId(), "[\"kyivenergo\"]", "[\"admin\"]", ""))
                .when().post("/v1/admin/clients").then().statusCode(201).extract().path("secretKey");

        String nobody = newId();
        for (String path : List.of("", "/rotate", "/revoke")) {
            Response theirs = path.isEmpty() ? as(kyivAdmin).when().get("/v1/admin/clients/" + esplusClient)
                    : as(kyivAdmin).when().post("/v1/admin/clients/" + esplusClient + path);
            Response missing = path.isEmpty() ? as(kyivAdmin).when().get("/v1/admin/clients/" + nobody)
                    : as(kyivAdmin).when().post("/v1/admin/clients/" + nobody + path);
            theirs.then().statusCode(404).body("code", equalTo("client.not_found"));
            assertThat(theirs.jsonPath().getString("detail").replace(esplusClient, "?"))
                    .isEqualTo(missing.jsonPath().getString("detail").replace(nobody, "?"));
        }
        assertThat(as(kyivAdmin).when().get("/v1/admin/clients").then().statusCode(200).extract()
                .jsonPath().getList("id", String.class)).doesNotContain(esplusClient, "demo-portal");
        // it cannot grant a supplier it does not hold
        String id = newId();
        as(kyivAdmin).body(body(id, "[\"kyivenergo\",\"esplus\"]", "[\"accounts:read\"]", ""))
                .when().post("/v1/admin/clients").then().statusCode(403).body("code", equalTo("auth.supplier_forbidden"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM api_client WHERE id = ?", id)).isZero();
        as(esplusKey).when().get(BALANCE).then().statusCode(200);
        // and a key without the admin scope manages nothing
        as("demo-portal-key").when().get("/v1/admin/clients").then().statusCode(403).body("code", equalTo("auth.scope_missing"));
    }

    @Test
    void badInputIsRefusedWithItsCodeAndCreatesNothing() {
        String id = newId();
        record Case(String body, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case(body(id, "[\"esplus\"]", "[\"accounts:read\",\"everything\"]", ""), 422, "client.scope_unknown"),
                new Case(body(id, "[\"esplus\",\"nosuch\"]", "[\"accounts:read\"]", ""), 422, "client.supplier_unknown"),
                new Case(body(id, "[\"esplus\"]", "[\"accounts:read\"]", ",\"returnOrigins\":[\"https://portal.example/back\"]"),
                        422, "client.origin_invalid"),
                new Case(body(id, "[\"esplus\"]", "[\"accounts:read\"]", ",\"returnOrigins\":[\"javascript:alert(1)\"]"),
                        422, "client.origin_invalid"),
                new Case(body("Bad_Id", "[\"esplus\"]", "[\"accounts:read\"]", ""), 400, "request.invalid"),
                new Case(body(id, "[]", "[\"accounts:read\"]", ""), 400, "request.invalid"),
                new Case(body(id, "[\"esplus\"]", "[\"accounts:read\"]", ",\"kind\":\"bank\""), 400, "request.invalid"),
                new Case(body(id, "[\"esplus\"]", "[\"accounts:read\"]", ",\"secretKey\":\"chosen\""), 400, "request.unknown_field"));
        for (Case c : cases) {
            as(ADMIN).body(c.body()).when().post("/v1/admin/clients").then().statusCode(c.status())
                    .contentType("application/problem+json").body("code", equalTo(c.code()));
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM api_client WHERE id = ?", id)).isZero();

        String existing = newId();
        create(ADMIN, existing, "");
        for (String grace : List.of("P30D", "-PT1S", "soon")) {
            as(ADMIN).body("{\"grace\":\"" + grace + "\"}").when().post("/v1/admin/clients/" + existing + "/rotate")
                    .then().statusCode(422).body("code", equalTo("client.grace_invalid"));
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM api_key WHERE client_id = ?", existing)).isEqualTo(1);
    }

    @Test
    void theCommandLineCreatesListsRotatesAndRevokes() {
        String id = newId();
        Run created = run("create", id, "--suppliers", "esplus", "--scopes", "accounts:read,readings:read", "--name", "CLI portal");
        assertThat(created.code()).as(created.err()).isZero();
        String key = keyIn(created.out());
        as(key).when().get(BALANCE).then().statusCode(200);

        Run listed = run("list");
        assertThat(listed.out()).contains(id).contains(key.substring(0, 10)).doesNotContain(key);

        Run rotated = run("rotate", id, "--grace", "PT0S");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        String next = keyIn(rotated.out());
        as(key).when().get(BALANCE).then().statusCode(401);
        as(next).when().get(BALANCE).then().statusCode(200);

        assertThat(run("revoke", id).code()).isZero();
        as(next).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid"));

        Run refused = run("create", newId(), "--suppliers", "nosuch", "--scopes", "accounts:read");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("client.supplier_unknown");
        assertThat(run("create", "x").code()).isEqualTo(2);
    }

    /**
     * Fail safe: when the connection that hears key changes is lost, the cache is emptied (a change could go
     * unheard), so a key revoked behind the gateway's back (no notification at all) is refused as soon as the
     * connection was lost, though it was cached and still is while the connection lives.
     */
    @Test
    void losingTheListeningConnectionEmptiesTheCache() {
        await().atMost(Duration.ofSeconds(10)).until(cache::listening);
        String id = newId();
        String key = create(ADMIN, id, "").getString("secretKey");
        as(key).when().get(BALANCE).then().statusCode(200);
        Fixtures.query(ds, "UPDATE api_key SET revoked_at = now() WHERE client_id = ?", id);
        as(key).when().get(BALANCE).then().statusCode(200);

        List<String> before = listeners();
        assertThat(before).hasSize(1);
        Fixtures.query(ds, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ? "
                + "AND datname = current_database()", ApiKeyCache.LISTENER_NAME);
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners().size() == 1 && !listeners().equals(before)
                && cache.listening());
        as(key).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid"));
    }

    private List<String> listeners() {
        return Fixtures.strings(ds, "SELECT pid::text FROM pg_stat_activity WHERE application_name = ? "
                + "AND datname = current_database()", ApiKeyCache.LISTENER_NAME);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String keyIn(String output) {
        Matcher m = Pattern.compile("secret key \\(shown once, store it now\\): (pg_sk_\\S+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    /** Where any of {@code keys} appears in any text column of the database. */
    private List<String> clearKeysInTheDatabase(List<String> keys) throws Exception {
        List<String> hits = new ArrayList<>();
        List<String[]> columns = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')
                  AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')""")) {
            while (rs.next()) {
                columns.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        assertThat(columns).extracting(c -> c[0] + "." + c[1]).contains("api_key.hash", "idempotency_record.body");
        for (String[] column : columns) {
            for (String key : keys) {
                if (Fixtures.count(ds, "SELECT count(*) FROM \"" + column[0] + "\" WHERE \"" + column[1]
                        + "\"::text LIKE ?", "%" + key + "%") > 0) {
                    hits.add(column[0] + "." + column[1]);
                }
            }
        }
        return hits;
    }

    private static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
