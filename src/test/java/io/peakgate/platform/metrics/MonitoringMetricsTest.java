package io.peakgate.platform.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.Management;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the alerts (k8s/monitoring/prometheusrule.yaml) and the Grafana dashboard
 * (k8s/monitoring/grafana-dashboard.json) query is one the gateway exports: after a reading, a card payment and a
 * refused callback, each name is in the gateway's scrape. An alert on a metric that does not exist never fires.
 * Latencies come as histogram buckets (they aggregate across pods), never as client-side quantiles.
 */
@QuarkusTest
class MonitoringMetricsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "bool", "and", "or", "unless",
            "offset", "group_left", "group_right", "inf", "nan");

    @Inject
    AgroalDataSource ds;

    /** The metric names a PromQL expression reads: identifiers that are neither functions, keywords nor labels. */
    static Set<String> metricNames(String expr) {
        String bare = LABELS.matcher(expr).replaceAll("");
        bare = GROUPING.matcher(bare).replaceAll("");
        bare = bare.replaceAll("\\[[^]]*]", "").replaceAll("\"[^\"]*\"", "");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean numberPart = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !numberPart && !KEYWORDS.contains(m.group().toLowerCase())) {
                names.add(m.group());
            }
        }
        return names;
    }

    static List<String> expressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        JsonNode rules = new YAMLMapper().readTree(ROOT.resolve("k8s/monitoring/prometheusrule.yaml").toFile());
        rules.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(ROOT.resolve("k8s/monitoring/grafana-dashboard.json")));
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }

    @Test
    void metricNamesAreReadOffPromql() {
        assertThat(metricNames("sum by (le) (rate(http_server_requests_seconds_bucket{uri=~\"/v1/.*\"}[1m]))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("max by (pod) (peakgate_http_in_flight / peakgate_http_limit) > 0.9"))
                .containsExactly("peakgate_http_in_flight", "peakgate_http_limit");
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1e3")).containsExactly("x_bucket");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsExported() throws IOException {
        String account = Fixtures.esplusAccount(ds, "E-1", 1000);
        write().body(reading("E-1", "T1", 1100)).when().post(readingsPath("esplus", account)).then().statusCode(201);
        PaymentsApi.card(account, 42_500, "4111111111111111");
        // a callback whose signature does not verify: counted with its refusal's outcome
        io.restassured.RestAssured.given().contentType("application/json").header("X-Sandbox-Timestamp", "1")
                .header("X-Sandbox-Signature", "0".repeat(64)).body("{}").when().post("/v1/callbacks/sandbox");

        List<String> exprs = expressions();
        assertThat(exprs).hasSizeGreaterThan(15);
        Set<String> wanted = new TreeSet<>();
        exprs.forEach(e -> wanted.addAll(metricNames(e)));
        assertThat(wanted).contains("peakgate_outbox_oldest_age_seconds", "peakgate_http_shed_total",
                "peakgate_callbacks_total", "http_server_requests_seconds_bucket");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exported = exported();
            assertThat(wanted).as("metrics queried by k8s/monitoring that the gateway does not export")
                    .allMatch(exported::contains);
        });
        String scrape = scrape();
        assertThat(scrape).as("latencies as buckets, which aggregate across pods")
                .contains("http_server_requests_seconds_bucket{").doesNotContain("quantile=\"");
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (String line : scrape().lines().toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                Matcher m = NAME.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static String scrape() {
        return Management.metrics();
    }
}
