package io.peakgate.clients;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two real instances of the packaged gateway (target/quarkus-app/quarkus-run.jar, started as processes of their
 * own on two ports against the same database): a key revoked or rotated out on one is refused by the other
 * within a second, although the other had it cached. A failsafe check, so it runs after the package phase.
 */
class RevocationAcrossInstancesIT {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
    private static final String ADMIN = "demo-admin-key";
    private static final String BALANCE = "/v1/suppliers/esplus/accounts/3300000001/balance";
    private static final List<Process> INSTANCES = new ArrayList<>();
    private static String one;
    private static String two;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        // ports of their own beside the test port (each worktree or CI job has its own test port)
        int base = Integer.parseInt(System.getenv().getOrDefault("QUARKUS_HTTP_TEST_PORT", "8081"));
        one = start(base + 1000, "it-instance-1");
        two = start(base + 2000, "it-instance-2");
    }

    @AfterAll
    static void stopThem() throws InterruptedException {
        for (Process p : INSTANCES) {
            p.destroy();
        }
        for (Process p : INSTANCES) {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** The packaged gateway in the test profile (demo keys on), on the test run's database, without clean-at-start. */
    private static String start(int port, String name) throws Exception {
        Path jar = ROOT.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the package phase builds the gateway").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toString()).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ROOT.resolve("target/" + name + ".out").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "test");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_TEST_PORT", String.valueOf(port));
        // each its own management interface (health), 100 above its API port: the test run's own is elsewhere
        int management = port + 100;
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_MANAGEMENT_TEST_PORT", String.valueOf(management));
        // no collector beside the test: nothing is recorded, so nothing is exported (trace ids are still made)
        env.put("PEAKGATE_TRACING_RATIO", "0");
        // the test profile cleans its database at start: the instances share it, so neither may
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        env.put("QUARKUS_LOG_FILE_PATH", "target/" + name + ".log");
        env.put("QUARKUS_SCHEDULER_ENABLED", "false");
        env.put("PEAKGATE_OUTBOX_ENABLED", "false");
        env.put("PEAKGATE_AUTOPAY_ENABLED", "false");
        Process process = builder.start();
        INSTANCES.add(process);
        String url = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as(name + " exited during start-up: see target/" + name + ".out").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return url;
    }

    private static RequestSpecification on(String instance, String key) {
        return RestAssured.given().baseUri(instance).header("Authorization", "Bearer " + key).contentType("application/json");
    }

    private static JsonPath create(String instance) {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 13);
        return on(instance, ADMIN).body("{\"id\":\"" + id + "\",\"suppliers\":[\"esplus\"],\"scopes\":[\"accounts:read\"]}")
                .when().post("/v1/admin/clients").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedOnTheOtherWithinASecond() throws Exception {
        // the other instance caches: a key revoked behind its back (no notification) still works there
        JsonPath probe = create(one);
        String probeKey = probe.getString("secretKey");
        on(two, probeKey).when().get(BALANCE).then().statusCode(200);
        sql("UPDATE api_key SET revoked_at = now() WHERE client_id = ?", probe.getString("client.id"));
        on(two, probeKey).when().get(BALANCE).then().statusCode(200);

        JsonPath client = create(one);
        String key = client.getString("secretKey");
        on(two, key).when().get(BALANCE).then().statusCode(200);
        on(two, key).when().get(BALANCE).then().statusCode(200);
        on(one, ADMIN).when().post("/v1/admin/clients/" + client.getString("client.id") + "/revoke").then().statusCode(200);
        long revoked = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                on(two, key).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid")));
        System.out.printf("instance 2 refused the revoked key %d ms after instance 1 answered the revocation%n",
                (System.nanoTime() - revoked) / 1_000_000);
    }

    @Test
    void aKeyRotatedOutWithoutGraceOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        JsonPath client = create(one);
        String key = client.getString("secretKey");
        on(two, key).when().get(BALANCE).then().statusCode(200);
        String fresh = on(one, ADMIN).body("{\"grace\":\"PT0S\"}")
                .when().post("/v1/admin/clients/" + client.getString("client.id") + "/rotate")
                .then().statusCode(200).extract().path("secretKey");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                on(two, key).when().get(BALANCE).then().statusCode(401).body("code", equalTo("auth.invalid")));
        on(two, fresh).when().get(BALANCE).then().statusCode(200);
    }

    private static void sql(String statement, String arg) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
             PreparedStatement st = db.prepareStatement(statement)) {
            st.setString(1, arg);
            st.executeUpdate();
        }
    }

    /** The test profile's database, or the override the run was given (which the instances inherit too). */
    private static String jdbcUrl() throws IOException {
        String override = System.getenv("_TEST_QUARKUS_DATASOURCE_JDBC_URL");
        if (override != null && !override.isBlank()) {
            return override;
        }
        Properties config = new Properties();
        config.load(new StringReader(Files.readString(ROOT.resolve("src/main/resources/application.properties"))));
        return config.getProperty("%test.quarkus.datasource.jdbc.url");
    }
}
