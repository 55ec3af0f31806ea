package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.peakgate.k8s.Manifests.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's connections are what bounds the gateway's replicas: every pod opens up to its reactive pool, its
 * JDBC pool and one connection per LISTEN subscriber, and the most pods that can run at once (the HPA's
 * {@code maxReplicas} plus a rolling update's surge) must fit in {@code max_connections} less what is reserved for
 * the superuser and for the operator, monitoring and people (10 %). SCALING.md states the same arithmetic, and
 * what the prod overlay runs; both are held to the rendered manifests here.
 */
class ConnectionBudgetTest {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
    private static final AppFacts APP = new AppFacts(ROOT);
    /** Share of max_connections kept for the operator's instance manager, monitoring, migrations by hand and people. */
    private static final double RESERVE = 0.10;

    /** One overlay's arithmetic, as read off its rendered manifests. */
    record Budget(int maxConnections, int reserved, int pods, int reactive, int jdbc, int listeners) {

        int perPod() {
            return reactive + jdbc + listeners;
        }

        int total() {
            return pods * perPod();
        }
    }

    static Budget budget(String overlay) {
        List<Doc> docs = Manifests.render(ROOT.resolve("k8s").resolve(overlay));
        JsonNode db = one(docs, "Cluster").node().path("spec").path("postgresql").path("parameters");
        int maxConnections = Integer.parseInt(db.path("max_connections").asText());
        int superuser = Integer.parseInt(db.path("superuser_reserved_connections").asText("3"));
        int reserved = superuser + (int) Math.ceil(maxConnections * RESERVE);

        JsonNode hpa = one(docs, "HorizontalPodAutoscaler").node().path("spec");
        int maxReplicas = hpa.path("maxReplicas").asInt();
        JsonNode surge = one(docs, "Deployment").node().path("spec").path("strategy").path("rollingUpdate").path("maxSurge");
        int pods = maxReplicas + surge(surge, maxReplicas);

        JsonNode config = docs.stream().filter(d -> d.kind().equals("ConfigMap") && d.name().equals("peakgate-config"))
                .findFirst().orElseThrow().node().path("data");
        int reactive = setting(config, "quarkus.datasource.reactive.max-size");
        int jdbc = setting(config, "quarkus.datasource.jdbc.max-size");
        return new Budget(maxConnections, reserved, pods, reactive, jdbc, listeners());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theMostPodsThatCanRunFitInPostgresConnections(String overlay) {
        Budget b = budget(overlay);
        assertThat(b.listeners()).as("LISTEN subscribers in the gateway (ApiKeyCache)").isPositive();
        assertThat(b.total())
                .as("%s: (maxReplicas + surge) %d x (reactive %d + JDBC %d + LISTEN %d) against max_connections %d - reserved %d",
                        overlay, b.pods(), b.reactive(), b.jdbc(), b.listeners(), b.maxConnections(), b.reserved())
                .isLessThanOrEqualTo(b.maxConnections() - b.reserved());
    }

    @Test
    void theRuleCatchesAPoolTooLargeForTheCluster() {
        Budget b = budget("overlays/prod");
        Budget doubled = new Budget(b.maxConnections(), b.reserved(), b.pods(), b.reactive() * 2, b.jdbc(), b.listeners());
        assertThat(doubled.total()).isGreaterThan(doubled.maxConnections() - doubled.reserved());
        // the pool the application uses when nothing overrides it (one machine, bench) would not fit 12 pods either
        Budget defaults = new Budget(b.maxConnections(), b.reserved(), b.pods(),
                Integer.parseInt(APP.prod("quarkus.datasource.reactive.max-size").orElseThrow()), b.jdbc(), b.listeners());
        assertThat(defaults.total()).isGreaterThan(defaults.maxConnections() - defaults.reserved());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void scalingMdStatesTheSameBudget(String overlay) throws IOException {
        Budget b = budget("overlays/" + overlay);
        List<Integer> row = tableRow(Files.readString(ROOT.resolve("SCALING.md")), overlay);
        assertThat(row).as("SCALING.md's budget row for " + overlay
                        + ": | overlay | max_connections | reserved | pods at most | per pod | connections at most |")
                .containsExactly(b.maxConnections(), b.reserved(), b.pods(), b.perPod(), b.total());
    }

    @Test
    void scalingMdDescribesWhatTheProdOverlayRuns() throws IOException {
        List<Doc> docs = Manifests.render(ROOT.resolve("k8s/overlays/prod"));
        String scaling = Files.readString(ROOT.resolve("SCALING.md"));
        JsonNode hpa = one(docs, "HorizontalPodAutoscaler").node().path("spec");
        JsonNode reactive = docs.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElseThrow()
                .node().path("data");
        Map<String, String> facts = new HashMap<>();
        facts.put("gateway pods, min to max", hpa.path("minReplicas").asInt() + " to " + hpa.path("maxReplicas").asInt());
        facts.put("reactive pool per pod", String.valueOf(setting(reactive, "quarkus.datasource.reactive.max-size")));
        facts.put("Kafka brokers", String.valueOf(docs.stream().filter(d -> d.kind().equals("KafkaNodePool"))
                .filter(d -> d.node().path("spec").path("roles").toString().contains("broker"))
                .mapToInt(d -> d.node().path("spec").path("replicas").asInt()).sum()));
        facts.put("partitions per topic", String.valueOf(docs.stream().filter(d -> d.kind().equals("KafkaTopic"))
                .mapToInt(d -> d.node().path("spec").path("partitions").asInt()).min().orElseThrow()));
        facts.put("PostgreSQL instances", one(docs, "Cluster").node().path("spec").path("instances").asText());
        facts.put("Redis pods", one(docs, "StatefulSet").node().path("spec").path("replicas").asText());
        for (var fact : facts.entrySet()) {
            Matcher m = Pattern.compile("(?m)^\\| " + Pattern.quote(fact.getKey()) + " \\| ([^|]+?) \\|").matcher(scaling);
            assertThat(m.find()).as("SCALING.md has a row | " + fact.getKey() + " | ... |").isTrue();
            assertThat(m.group(1)).as("SCALING.md: " + fact.getKey()).isEqualTo(fact.getValue());
        }
    }

    /** The gateway's LISTEN subscribers: each holds a connection of its own, outside both pools. */
    private static int listeners() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            return (int) files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(text -> text.contains("PgSubscriber.subscriber(")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int setting(JsonNode config, String property) {
        String env = AppFacts.envName(property);
        String value = config.has(env) ? config.path(env).asText() : APP.prod(property).orElseThrow();
        return Integer.parseInt(value);
    }

    private static int surge(JsonNode maxSurge, int replicas) {
        if (maxSurge.isMissingNode()) {
            return (int) Math.ceil(replicas * 0.25);
        }
        String text = maxSurge.asText();
        return text.endsWith("%") ? (int) Math.ceil(replicas * Integer.parseInt(text.replace("%", "")) / 100.0)
                : Integer.parseInt(text);
    }

    private static List<Integer> tableRow(String markdown, String overlay) {
        Matcher row = Pattern.compile("(?m)^\\| " + overlay + " \\|(.+)\\|\\s*$").matcher(markdown);
        assertThat(row.find()).as("SCALING.md has a budget row for " + overlay).isTrue();
        return Stream.of(row.group(1).split("\\|")).map(String::trim).map(cell -> {
            Matcher n = Pattern.compile("^\\d+").matcher(cell);
            assertThat(n.find()).as("a number first in '" + cell + "'").isTrue();
            return Integer.parseInt(n.group());
        }).toList();
    }

    private static Doc one(List<Doc> docs, String kind) {
        List<Doc> found = docs.stream().filter(d -> d.kind().equals(kind)).toList();
        assertThat(found).as("one " + kind).hasSize(1);
        return found.getFirst();
    }
}
