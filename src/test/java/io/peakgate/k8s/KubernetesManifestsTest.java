package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.peakgate.k8s.Manifests.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Kubernetes manifests under {@code k8s/} without a cluster: every document is read into
 * fabric8's Kubernetes object model (unknown fields are errors), each kustomization (the base and the
 * dev and prod overlays) is rendered as kustomize would, and the result is held against the application
 * it deploys: its port and health paths, its configuration properties, its Kafka topics, and the
 * addresses of the engines the same manifests create. No secret value may appear anywhere.
 * Over 250 lines on purpose: one test per rule the manifests must keep, all against the same rendered overlays and schemas.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("k8s");
    private static final String GATEWAY = "peakgate";
    /** Operators' kinds fabric8 has no model of; SchemaConformanceTest checks which versions are served. */
    private static final Set<String> OPERATOR_KINDS = Set.of("kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool", "kafka.strimzi.io/v1 KafkaTopic",
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 ScheduledBackup", "postgresql.cnpg.io/v1 Pooler");
    /** Quarkus properties the manifests set that application.properties does not (it needs no value locally). */
    private static final Map<String, String> DOCUMENTED_QUARKUS_PROPERTIES = Map.of(
            "quarkus.redis.password", "Redis client password (the Redis on loopback has none)");
    /** Variables that are not configuration, with the reason they are there. */
    private static final Map<String, String> NOT_CONFIGURATION = Map.of(
            "KUBERNETES_NAMESPACE", "added by quarkus-kubernetes to every container it generates");
    /**
     * Maps of named entries (an SMS aggregator, a payment agent): a production entry is configured from
     * the environment alone, with a field application.properties shows for its demo entry. The entry name
     * must be one word: SmallRye cannot tell '-' from '_' in a name read from an environment variable.
     */
    private static final List<String> NAMED_ENTRY_MAPS = List.of("peakgate.sms.aggregators", "peakgate.agents");
    private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|SECRET|PRIVATE_KEY|SECRET_KEY|_AUTH)$");
    private static final Set<String> DEMO_SECRETS = Set.of("demo-portal-key", "demo-sms-secret", "demo-agent-secret",
            "demo-sandbox-secret", "demo-liqpay-private-key", "demo-tbank-password", "demo-yoomoney-secret",
            "demo-webmoney-secret");
    private static final int PEAK_PARTITIONS = 24;
    /** quarkus.management.port: health and metrics, apart from the public port. */
    private static final int MANAGEMENT_PORT = 9000;

    private static final AppFacts APP = new AppFacts(ROOT);
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<Doc>> RENDERED = new ConcurrentHashMap<>();

    private static List<Doc> rendered(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> Manifests.render(K8S.resolve(k)));
    }

    // ------------------------------------------------------------------ files and kustomizations

    @Test
    void everyDocumentIsAKnownKubernetesObjectWithoutUnknownFields() {
        List<Path> files = Manifests.yamlFiles(K8S);
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            if (file.getFileName().toString().equals(Manifests.KUSTOMIZATION)) {
                continue;
            }
            List<Doc> docs = Manifests.load(file);
            assertThat(docs).as(file + " holds no document").isNotEmpty();
            docs.forEach(KubernetesManifestsTest::assertValidObject);
        }
    }

    @Test
    void kustomizationsNameFilesThatExistAndOverlaysBuildOnTheBase() {
        Set<Path> referenced = new HashSet<>();
        List<Path> kustomizations = Manifests.yamlFiles(K8S).stream()
                .filter(f -> f.getFileName().toString().equals(Manifests.KUSTOMIZATION)).toList();
        assertThat(kustomizations).extracting(k -> K8S.relativize(k.getParent()).toString())
                .contains("base", "overlays/dev", "overlays/prod");
        for (Path k : kustomizations) {
            JsonNode node = Manifests.kustomization(k.getParent());
            assertThat(node.path("apiVersion").asText()).as(k.toString()).isEqualTo("kustomize.config.k8s.io/v1beta1");
            assertThat(node.path("kind").asText()).as(k.toString()).isEqualTo("Kustomization");
            assertThat(node.has("secretGenerator")).as(k + ": secrets are created outside the repository").isFalse();
            for (Path p : Manifests.references(k.getParent())) {
                assertThat(Files.isRegularFile(p) || Files.isRegularFile(p.resolve(Manifests.KUSTOMIZATION)))
                        .as(k + " names " + p + ", which does not exist").isTrue();
                referenced.add(p);
            }
        }
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            assertThat(Manifests.references(K8S.resolve(overlay))).as(overlay + " builds on the base")
                    .contains(K8S.resolve("base"));
        }
        List<Path> orphans = Manifests.yamlFiles(K8S).stream()
                .filter(f -> !f.getFileName().toString().equals(Manifests.KUSTOMIZATION) && !referenced.contains(f))
                .toList();
        assertThat(orphans).as("manifests no kustomization applies").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersIntoValidObjects(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        docs.forEach(KubernetesManifestsTest::assertValidObject);
        Set<String> ids = new HashSet<>();
        for (Doc d : docs) {
            assertThat(ids.add(d.kind() + "/" + d.name())).as(kustomization + " has two " + d).isTrue();
        }
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster",
                "StatefulSet")) {
            assertThat(docs).as(kustomization + " has a " + kind).anyMatch(d -> d.kind().equals(kind));
        }
    }

    // ------------------------------------------------------------------ the gateway

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void probesAndPortsAreTheApplications(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        JsonNode container = gatewayContainer(docs);
        int port = APP.httpPort();
        assertThat(port).isEqualTo(8080);
        assertThat(APP.hasDependency("quarkus-smallrye-health")).as("the health endpoints come from SmallRye Health").isTrue();
        assertThat(list(container.path("ports")))
                .anyMatch(p -> p.path("name").asText().equals("http") && p.path("containerPort").asInt() == port);
        // probes and metrics on the management interface, apart from the public port
        int management = APP.managementPort();
        assertThat(management).isEqualTo(MANAGEMENT_PORT);
        assertThat(list(container.path("ports")))
                .anyMatch(p -> p.path("name").asText().equals("management") && p.path("containerPort").asInt() == management);
        assertProbe(container, "readinessProbe", APP.healthPath("readiness", "ready"), management);
        assertProbe(container, "livenessProbe", APP.healthPath("liveness", "live"), management);
        assertProbe(container, "startupProbe", APP.healthPath("startup", "started"), management);
        assertThat(APP.healthPath("readiness", "ready")).isEqualTo("/q/health/ready");
        assertThat(APP.healthPath("liveness", "live")).isEqualTo("/q/health/live");

        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory")
                && resources.path("limits").has("memory")).as("cpu and memory requests, a memory limit").isTrue();

        Doc service = one(docs, "Service", GATEWAY);
        assertThat(Manifests.selects(service.node().path("spec").path("selector"), gatewayPodLabels(docs)))
                .as("the Service selects the gateway's pods").isTrue();
        assertThat(list(service.node().path("spec").path("ports")))
                .as("the Service forwards to the gateway's port").anyMatch(p -> targets(p.path("targetPort"), port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyEnvironmentVariableIsApplicationConfiguration(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        List<String> names = new ArrayList<>();
        JsonNode container = gatewayContainer(docs);
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            assertThat(from.has("secretRef")).as("secrets come by secretKeyRef, one checked variable each").isFalse();
            String map = from.path("configMapRef").path("name").asText();
            Doc configMap = one(docs, "ConfigMap", map);
            configMap.node().path("data").fieldNames().forEachRemaining(names::add);
        }
        assertThat(names).contains("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS",
                "KAFKA_BOOTSTRAP_SERVERS", "PEAKGATE_VAULT_KEYS_DIR", "PEAKGATE_PROVIDERS_PUBLIC_BASE_URL");
        Map<String, String> properties = APP.propertiesByEnvName();
        List<String> unknown = names.stream().filter(n -> !properties.containsKey(n)
                && !NOT_CONFIGURATION.containsKey(n)
                && DOCUMENTED_QUARKUS_PROPERTIES.keySet().stream().noneMatch(p -> AppFacts.envName(p).equals(n))
                && !namedEntry(n)).toList();
        assertThat(unknown).as(kustomization + ": variables that map to no property of application.properties").isEmpty();
        assertThat(properties.get("QUARKUS_DATASOURCE_REACTIVE_URL")).isEqualTo("quarkus.datasource.reactive.url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void credentialsComeOnlyFromSecretReferences(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        for (Doc d : docs) {
            assertThat(d.kind()).as(d + ": secrets are created outside the repository").isNotEqualTo("Secret");
            if (d.kind().equals("ConfigMap")) {
                d.node().path("data").fieldNames().forEachRemaining(key -> assertThat(CREDENTIAL.matcher(key).matches())
                        .as(d + " holds a credential " + key).isFalse());
            }
            for (JsonNode c : containers(d)) {
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    if (CREDENTIAL.matcher(name).matches()) {
                        assertThat(e.has("value")).as(d + ": " + name + " has a literal value").isFalse();
                        assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText())
                                .as(d + ": " + name + " comes from a secret").isNotEmpty();
                    }
                }
            }
        }
        JsonNode gateway = gatewayContainer(docs);
        assertThat(secretOf(gateway, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(secretOf(gateway, "QUARKUS_DATASOURCE_PASSWORD"));
        assertThat(secretOf(gateway, "QUARKUS_REDIS_PASSWORD")).isNotEmpty();
    }

    @Test
    void noSecretValueAnywhereUnderK8s() throws IOException {
        Set<String> secrets = new TreeSet<>(DEMO_SECRETS);
        secrets.addAll(APP.demoSecretValues());
        assertThat(APP.demoSecretValues()).contains("demo-sms-secret", "demo-liqpay-private-key");
        try (var files = Files.walk(K8S)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (String secret : secrets) {
                    assertThat(text).as(file + " contains a demo secret").doesNotContain(secret);
                }
            }
        }
        for (Path file : Manifests.yamlFiles(K8S)) {
            for (Doc d : Manifests.load(file)) {
                boolean hasValues = d.node().has("data") || d.node().has("stringData");
                assertThat(d.kind().equals("Secret") && hasValues).as(d + " is a Secret with values").isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void drainingOutlastsPreStopAndGracefulShutdown(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        JsonNode pod = gatewayPodSpec(docs);
        JsonNode preStop = gatewayContainer(docs).path("lifecycle").path("preStop");
        List<String> command = list(preStop.path("exec").path("command")).stream().map(JsonNode::asText).toList();
        long sleep = preStop.has("sleep") ? preStop.path("sleep").path("seconds").asLong()
                : command.size() == 2 && command.getFirst().equals("sleep") ? Long.parseLong(command.get(1)) : -1;
        assertThat(sleep).as("a preStop sleep lets the endpoints drop the pod before SIGTERM").isPositive();
        Duration shutdown = APP.shutdownTimeout().orElseThrow(
                () -> new AssertionError("quarkus.shutdown.timeout is not set for the prod profile"));
        assertThat(shutdown).isPositive();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .as("terminationGracePeriodSeconds > preStop %d s + shutdown timeout %s", sleep, shutdown)
                .isGreaterThan(sleep + shutdown.toSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void replicasSpreadScaleAndSurviveDisruptions(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        JsonNode labels = gatewayPodLabels(docs);
        Doc deployment = one(docs, "Deployment", GATEWAY);
        assertThat(deployment.node().path("spec").has("replicas")).as("the HPA owns the count: no replicas").isFalse();

        Set<String> keys = new HashSet<>();
        for (JsonNode spread : gatewayPodSpec(docs).path("topologySpreadConstraints")) {
            assertThat(Manifests.selects(spread.path("labelSelector"), labels)).as("spread selects the gateway").isTrue();
            keys.add(spread.path("topologyKey").asText());
        }
        assertThat(keys).contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");

        Doc pdb = only(docs, "PodDisruptionBudget", d -> Manifests.selects(d.node().path("spec").path("selector"), labels));
        JsonNode pdbSpec = pdb.node().path("spec");
        assertThat(pdbSpec.has("maxUnavailable") || pdbSpec.has("minAvailable")).isTrue();
        Doc hpa = one(docs, "HorizontalPodAutoscaler", GATEWAY);
        if (pdbSpec.path("minAvailable").isInt()) {
            assertThat(pdbSpec.path("minAvailable").asInt()).as("a PDB that never allows an eviction blocks drains")
                    .isLessThan(hpa.node().path("spec").path("minReplicas").asInt());
        }

        assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
        JsonNode h = hpa.node().path("spec");
        assertThat(h.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(h.path("scaleTargetRef").path("name").asText()).isEqualTo(GATEWAY);
        assertThat(h.path("minReplicas").asInt()).isBetween(1, h.path("maxReplicas").asInt());
        assertThat(list(h.path("metrics"))).as("scales on the admission limit's use, not CPU alone")
                .anyMatch(m -> m.path("pods").path("metric").path("name").asText().equals("peakgate_http_limit_utilisation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void networkPolicyAdmitsHttpOnlyAndReachesOnlyTheEngines(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        JsonNode labels = gatewayPodLabels(docs);
        Doc policy = only(docs, "NetworkPolicy", d -> Manifests.selects(d.node().path("spec").path("podSelector"), labels));
        JsonNode spec = policy.node().path("spec");
        assertThat(list(spec.path("policyTypes")).stream().map(JsonNode::asText)).contains("Ingress", "Egress");

        Map<Integer, List<JsonNode>> sourcesByPort = new HashMap<>();
        for (JsonNode rule : spec.path("ingress")) {
            assertThat(list(rule.path("ports"))).as("an ingress rule without ports opens every port").isNotEmpty();
            assertThat(list(rule.path("from"))).as("an ingress rule without peers admits every pod").isNotEmpty();
            rule.path("ports").forEach(p -> sourcesByPort.computeIfAbsent(p.path("port").asInt(), x -> new ArrayList<>())
                    .addAll(list(rule.path("from"))));
        }
        assertThat(sourcesByPort.keySet()).containsExactlyInAnyOrder(APP.httpPort(), MANAGEMENT_PORT);
        assertThat(sourcesByPort.get(MANAGEMENT_PORT)).as("the management port: the monitoring namespace only")
                .allMatch(peer -> peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                        .asText().equals("monitoring"));
        assertThat(sourcesByPort.get(APP.httpPort())).as("the public port: the ingress controller only")
                .allMatch(peer -> peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                        .asText().equals("ingress-nginx"));

        Map<Integer, List<JsonNode>> peersByPort = new HashMap<>();
        Set<String> dnsProtocols = new HashSet<>();
        for (JsonNode rule : spec.path("egress")) {
            assertThat(list(rule.path("ports"))).as("an egress rule without ports opens every port").isNotEmpty();
            for (JsonNode p : rule.path("ports")) {
                peersByPort.computeIfAbsent(p.path("port").asInt(), x -> new ArrayList<>()).addAll(list(rule.path("to")));
                if (p.path("port").asInt() == 53) {
                    dnsProtocols.add(p.path("protocol").asText("TCP"));
                }
            }
        }
        assertThat(peersByPort.keySet()).containsOnly(5432, 6379, 9092, 53, 443, 4317).contains(5432, 6379, 9092, 53);
        assertThat(dnsProtocols).contains("UDP");
        String db = one(docs, "Cluster").name();
        String kafka = one(docs, "Kafka").name();
        JsonNode redisPods = redisStatefulSet(docs).node().path("spec").path("template").path("metadata").path("labels");
        assertReaches(peersByPort.get(5432), labels("cnpg.io/cluster", db), "PostgreSQL");
        assertReaches(peersByPort.get(6379), redisPods, "Redis");
        assertReaches(peersByPort.get(9092), labels("strimzi.io/cluster", kafka, "strimzi.io/broker-role", "true"), "Kafka");
    }

    // ------------------------------------------------------------------ the engines

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kafkaTopicsAreTheApplicationsTopics(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        Set<String> constants = APP.topicConstants();
        Set<String> script = APP.scriptTopics();
        Set<String> channels = APP.channelTopics();
        assertThat(constants).as("Topics.java").contains("billing.readings.v1", "billing.payments.v1");
        assertThat(script).as("bin/peakgate KAFKA_TOPICS").hasSizeGreaterThanOrEqualTo(constants.size());
        assertThat(channels).as("messaging channels").isNotEmpty();
        Set<String> wanted = new TreeSet<>(constants);
        wanted.addAll(script);
        wanted.addAll(channels);

        String cluster = one(docs, "Kafka").name();
        int brokers = brokers(docs, cluster);
        Set<String> declared = new TreeSet<>();
        for (Doc topic : all(docs, "KafkaTopic")) {
            JsonNode spec = topic.node().path("spec");
            declared.add(spec.path("topicName").asText(topic.name()));
            assertThat(topic.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as(topic + " belongs to the Kafka cluster").isEqualTo(cluster);
            int replicas = spec.path("replicas").asInt();
            int minIsr = spec.path("config").path("min.insync.replicas").asInt();
            assertThat(replicas).as(topic + " replicas").isBetween(1, brokers);
            assertThat(minIsr).as(topic + " min.insync.replicas").isBetween(1, replicas);
            if (replicas >= 3) {
                assertThat(minIsr).as(topic + ": acks=all survives one broker down").isBetween(2, replicas - 1);
            }
            assertThat(spec.path("partitions").asInt()).isPositive();
        }
        assertThat(declared).as("KafkaTopics against the application's topics").isEqualTo(wanted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void enginesAreWhereTheGatewayLooks(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        JsonNode config = gatewayConfig(docs);
        JsonNode gateway = gatewayContainer(docs);

        Doc kafka = one(docs, "Kafka");
        assertThat(kafka.node().path("spec").has("zookeeper")).as("KRaft").isFalse();
        assertThat(all(docs, "KafkaNodePool")).as("a controller pool").anyMatch(p -> roles(p).contains("controller"));
        JsonNode listener = list(kafka.node().path("spec").path("kafka").path("listeners")).stream()
                .filter(l -> !l.path("tls").asBoolean()).findFirst().orElseThrow();
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo(kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt());

        Doc db = one(docs, "Cluster");
        JsonNode dbSpec = db.node().path("spec");
        String database = dbSpec.path("bootstrap").path("initdb").path("database").asText();
        URI reactive = URI.create(config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText());
        URI jdbc = URI.create(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText().replaceFirst("^jdbc:", ""));
        for (URI url : List.of(reactive, jdbc)) {
            assertThat(url.getHost()).isEqualTo(db.name() + "-rw");
            assertThat(url.getPort()).isEqualTo(5432);
            assertThat(url.getPath()).isEqualTo("/" + database);
        }
        assertThat(secretOf(gateway, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(db.name() + "-app");
        int instances = dbSpec.path("instances").asInt();
        JsonNode synchronous = dbSpec.path("postgresql").path("synchronous");
        if (instances > 1) {
            assertThat(synchronous.path("number").asInt()).as("synchronous standbys").isBetween(1, instances - 1);
        } else {
            assertThat(synchronous.isMissingNode()).as("one instance has no standby to wait for").isTrue();
        }

        URI redis = URI.create(config.path("QUARKUS_REDIS_HOSTS").asText());
        Doc redisService = one(docs, "Service", redis.getHost());
        assertThat(list(redisService.node().path("spec").path("ports"))).anyMatch(p -> p.path("port").asInt() == redis.getPort());
        Doc redisSet = redisStatefulSet(docs);
        // the Service selects the primary, pod 0 of the StatefulSet, by the name label the StatefulSet gives its pods
        Map<String, String> primary = new HashMap<>();
        redisSet.node().path("spec").path("template").path("metadata").path("labels").properties()
                .forEach(e -> primary.put(e.getKey(), e.getValue().asText()));
        primary.put("statefulset.kubernetes.io/pod-name", redisSet.name() + "-0");
        assertThat(Manifests.selects(redisService.node().path("spec").path("selector"), JSON.valueToTree(primary))).isTrue();
        JsonNode redisContainer = containers(redisSet).getFirst();
        List<String> args = list(redisContainer.path("args")).stream().map(JsonNode::asText).toList();
        assertThat(args).as("Redis persists (append-only file)").containsSubsequence("--appendonly", "yes");
        assertThat(args).as("Redis requires the password the gateway has").contains("--requirepass");
        assertThat(list(redisContainer.path("env"))).anyMatch(e -> e.path("valueFrom").path("secretKeyRef").path("name")
                .asText().equals(secretOf(gateway, "QUARKUS_REDIS_PASSWORD")));
        assertThat(list(redisSet.node().path("spec").path("volumeClaimTemplates"))).as("Redis data on a volume").isNotEmpty();

        String keysDir = config.path("PEAKGATE_VAULT_KEYS_DIR").asText(APP.prod("peakgate.vault.keys-dir").orElseThrow());
        JsonNode mount = list(gateway.path("volumeMounts")).stream()
                .filter(m -> m.path("mountPath").asText().equals(keysDir)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at the vault's keys-dir " + keysDir));
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = list(gatewayPodSpec(docs).path("volumes")).stream()
                .filter(v -> v.path("name").asText().equals(mount.path("name").asText())).findFirst().orElseThrow();
        assertThat(volume.path("secret").path("secretName").asText()).as("the vault's keysets come from a Secret").isNotEmpty();
    }

    @Test
    void prodIsSizedForThePeakAndDevIsSmall() {
        for (String sized : List.of("base", "overlays/prod")) {
            List<Doc> docs = rendered(sized);
            assertThat(one(docs, "HorizontalPodAutoscaler", GATEWAY).node().path("spec").path("minReplicas").asInt())
                    .isGreaterThanOrEqualTo(3);
            assertThat(brokers(docs, one(docs, "Kafka").name())).isEqualTo(3);
            for (Doc topic : all(docs, "KafkaTopic")) {
                JsonNode spec = topic.node().path("spec");
                assertThat(spec.path("partitions").asInt()).as(topic + " partitions").isGreaterThanOrEqualTo(PEAK_PARTITIONS);
                assertThat(spec.path("replicas").asInt()).isEqualTo(3);
                assertThat(spec.path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            }
            JsonNode db = one(docs, "Cluster").node().path("spec");
            assertThat(db.path("instances").asInt()).isEqualTo(3);
            assertThat(db.path("postgresql").path("synchronous").path("number").asInt()).isGreaterThanOrEqualTo(1);
        }
        List<Doc> dev = rendered("overlays/dev");
        assertThat(one(dev, "HorizontalPodAutoscaler", GATEWAY).node().path("spec").path("minReplicas").asInt()).isEqualTo(1);
    }

    @Test
    void gatewayDeploymentIsQuarkusOutput() throws IOException {
        Path copy = K8S.resolve("base/generated/kubernetes.yml");
        String committed = Files.readString(copy);
        assertThat(committed).startsWith("# Generated by 'bin/peakgate k8s-generate'");
        assertThat(APP.hasDependency("quarkus-kubernetes")).isTrue();
        assertThat(APP.read("bin/peakgate")).contains("k8s-generate) k8s_generate");
        Doc deployment = one(Manifests.load(copy), "Deployment", GATEWAY);
        assertThat(deployment.node().path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText())
                .isEqualTo("quarkus");
        // the build's own port, not whatever QUARKUS_HTTP_PORT the machine that builds has set
        assertThat(APP.prod("quarkus.kubernetes.ports.http.container-port")).contains(String.valueOf(APP.httpPort()));
        // health and metrics on the management interface: its port pinned the same way, scraped there, probed there
        assertThat(APP.managementPort()).isEqualTo(9000);
        assertThat(APP.prod("quarkus.kubernetes.ports.management.container-port")).contains(String.valueOf(APP.managementPort()));
        assertThat(APP.prod("quarkus.kubernetes.annotations.\"prometheus.io/port\"")).contains(String.valueOf(APP.managementPort()));
        for (String probe : List.of("startup", "readiness", "liveness")) {
            assertThat(APP.prod("quarkus.kubernetes." + probe + "-probe.http-action-port-name")).as(probe).contains("management");
        }
        // that the committed copy is what this build generates is GeneratedManifestIT's check: it runs after
        // the package phase of the same build, so it never reads what an earlier build left in target/
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theImageIsTheOneJibBuildsAndRunsAsItsUser(String kustomization) throws IOException {
        assertThat(APP.hasDependency("quarkus-container-image-jib")).isTrue();
        String version = APP.read("pom.xml").replaceFirst("(?s).*?<artifactId>peakgate</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        String built = APP.prod("quarkus.container-image.registry").orElseThrow() + "/"
                + APP.prod("quarkus.container-image.group").orElseThrow() + "/"
                + APP.prod("quarkus.container-image.name").orElseThrow();
        String base = APP.prod("quarkus.jib.base-jvm-image").orElseThrow();
        assertThat(base).as("a pinned base image: a full version tag or a digest")
                .matches(".+:(\\d+\\.\\d+\\.\\d+[^:]*|[^:]+@sha256:[0-9a-f]{64})");
        JsonNode generated = gatewayContainer(Manifests.load(K8S.resolve("base/generated/kubernetes.yml")));
        assertThat(generated.path("image").asText()).isEqualTo(built + ":" + version);
        JsonNode kustomizationFile = Manifests.kustomization(K8S.resolve(kustomization));
        for (JsonNode image : kustomizationFile.path("images")) {
            assertThat(image.path("name").asText()).as(kustomization + " renames the image the build names").isEqualTo(built);
        }
        String user = APP.prod("quarkus.jib.user").orElseThrow();
        JsonNode pod = gatewayPodSpec(rendered(kustomization)).path("securityContext");
        assertThat(pod.path("runAsUser").asText()).as("the pod runs as the image's user").isEqualTo(user);
        assertThat(Integer.parseInt(user)).as("a numeric user that is not root").isPositive();
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    /** Parses a document into fabric8's model: a known kind (or an operator's), with no field the model does not know. */
    private static void assertValidObject(Doc d) {
        assertThat(d.apiVersion()).as(d.file() + ": apiVersion").isNotEmpty();
        assertThat(d.kind()).as(d.file() + ": kind").isNotEmpty();
        assertThat(d.name()).as(d.file() + ": metadata.name of a " + d.kind()).isNotEmpty();
        boolean operatorKind = OPERATOR_KINDS.contains(d.apiVersion() + " " + d.kind());
        assertThat(operatorKind || MODEL.getRegisteredKubernetesResource(d.apiVersion(), d.kind()) != null)
                .as(d + ": " + d.apiVersion() + " " + d.kind() + " is not a Kubernetes kind").isTrue();
        Object parsed = MODEL.unmarshal(d.node().toString());
        assertThat(parsed).isInstanceOf(HasMetadata.class);
        assertThat(parsed instanceof GenericKubernetesResource).as(d + " parsed as a typed object").isEqualTo(operatorKind);
        List<String> unknown = new ArrayList<>();
        unknownFields(parsed, d.kind(), unknown, 0);
        assertThat(unknown).as(d + ": fields the Kubernetes model does not know").isEmpty();
    }

    private static void unknownFields(Object o, String path, List<String> found, int depth) {
        if (o == null || depth > 40) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, found, depth + 1));
            return;
        }
        if (o instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found, depth + 1);
            }
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        if (o instanceof GenericKubernetesResource generic) {
            unknownFields(generic.getMetadata(), path + ".metadata", found, depth + 1);
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            String name = m.getName();
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                    || !(name.startsWith("get") || name.startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                found.add(path + "." + name + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + name.replaceFirst("^(get|is)", ""), found, depth + 1);
            }
        }
    }

    private static boolean namedEntry(String env) {
        for (String map : NAMED_ENTRY_MAPS) {
            for (String key : APP.keysUnder(map)) {
                String field = key.substring(map.length() + 1).replaceFirst("^[^.]+\\.", "");
                if (env.matches(Pattern.quote(AppFacts.envName(map) + "_") + "[A-Z0-9]+"
                        + Pattern.quote("_" + AppFacts.envName(field)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertProbe(JsonNode container, String probe, String path, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(get.path("path").asText()).as(probe + " path").isEqualTo(path);
        assertThat(targets(get.path("port"), port)).as(probe + " port").isTrue();
    }

    /** Whether a port reference (a number, or the name of the gateway's port) is the application's port. */
    private static boolean targets(JsonNode portRef, int port) {
        return portRef.isInt() ? portRef.asInt() == port
                : portRef.asText().equals(port == MANAGEMENT_PORT ? "management" : "http");
    }

    private static void assertReaches(List<JsonNode> peers, JsonNode podLabels, String what) {
        assertThat(peers).as("egress to " + what).isNotNull().isNotEmpty()
                .anyMatch(peer -> peer.has("podSelector") && Manifests.selects(peer.path("podSelector"), podLabels));
    }

    private static JsonNode labels(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return JSON.valueToTree(map);
    }

    private static String secretOf(JsonNode container, String env) {
        return list(container.path("env")).stream().filter(e -> e.path("name").asText().equals(env)).findFirst()
                .map(e -> e.path("valueFrom").path("secretKeyRef").path("name").asText())
                .orElseThrow(() -> new AssertionError("the gateway has no " + env));
    }

    private static int brokers(List<Doc> docs, String cluster) {
        return all(docs, "KafkaNodePool").stream()
                .filter(p -> p.node().path("metadata").path("labels").path("strimzi.io/cluster").asText().equals(cluster))
                .filter(p -> roles(p).contains("broker"))
                .mapToInt(p -> p.node().path("spec").path("replicas").asInt()).sum();
    }

    private static List<String> roles(Doc pool) {
        return list(pool.node().path("spec").path("roles")).stream().map(JsonNode::asText).toList();
    }

    private static Doc redisStatefulSet(List<Doc> docs) {
        return only(docs, "StatefulSet", d -> containers(d).stream().anyMatch(c -> c.path("image").asText().contains("redis")));
    }

    private static JsonNode gatewayPodSpec(List<Doc> docs) {
        return one(docs, "Deployment", GATEWAY).node().path("spec").path("template").path("spec");
    }

    private static JsonNode gatewayPodLabels(List<Doc> docs) {
        return one(docs, "Deployment", GATEWAY).node().path("spec").path("template").path("metadata").path("labels");
    }

    private static JsonNode gatewayContainer(List<Doc> docs) {
        return list(gatewayPodSpec(docs).path("containers")).stream()
                .filter(c -> c.path("name").asText().equals(GATEWAY)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + GATEWAY));
    }

    private static JsonNode gatewayConfig(List<Doc> docs) {
        String name = list(gatewayContainer(docs).path("envFrom")).stream()
                .map(f -> f.path("configMapRef").path("name").asText()).filter(n -> !n.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the gateway reads no ConfigMap"));
        return one(docs, "ConfigMap", name).node().path("data");
    }

    private static List<JsonNode> containers(Doc d) {
        return list(d.node().path("spec").path("template").path("spec").path("containers"));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<Doc> all(List<Doc> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static Doc one(List<Doc> docs, String kind) {
        return only(docs, kind, d -> true);
    }

    private static Doc one(List<Doc> docs, String kind, String name) {
        return only(docs, kind, d -> d.name().equals(name));
    }

    private static Doc only(List<Doc> docs, String kind, Predicate<Doc> which) {
        List<Doc> found = all(docs, kind).stream().filter(which).toList();
        assertThat(found).as("exactly one such " + kind).hasSize(1);
        return found.getFirst();
    }
}
