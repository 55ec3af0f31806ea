package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.peakgate.k8s.K8sSchemas.Violation;
import io.peakgate.k8s.Manifests.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rendered kustomizations as an API server would take them: every object's apiVersion is served by
 * Kubernetes 1.35 or the installed operators (Strimzi 1.2.0, CloudNativePG 1.30.0) and its body matches
 * that version's schema with no unknown field ({@link K8sSchemas}); every pod template of our own
 * workloads meets the Pod Security Standards' restricted profile ({@link PodSecurity}); and the Java
 * rendering is what {@code kubectl kustomize} makes of the same directories.
 * {@code -Dk8s.dir=...} points the checks at another copy of the manifests, {@code -Dk8s.schemas=...} at
 * another copy of the schemas.
 * Over 250 lines on purpose: each check on the rendered overlays sits next to the tests proving it can fail,
 * all against the same fixtures.
 */
class SchemaConformanceTest {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
    private static final Path K8S = Path.of(System.getProperty("k8s.dir", ROOT.resolve("k8s").toString())).toAbsolutePath().normalize();
    private static final K8sSchemas SCHEMAS = new K8sSchemas(K8sSchemas.locate(ROOT));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<Doc>> RENDERED = new ConcurrentHashMap<>();

    private static List<Doc> rendered(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> Manifests.render(K8S.resolve(k)));
    }

    private static String label(String kustomization, Doc d) {
        return kustomization + ": " + d.apiVersion() + " " + d.kind() + "/" + d.name();
    }

    // ------------------------------------------------------------------ the manifests

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectIsServedAndMatchesItsSchema(String kustomization) {
        List<Doc> docs = rendered(kustomization);
        assertThat(docs).isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (Doc d : docs) {
            SCHEMAS.validate(label(kustomization, d), d.node()).forEach(v -> violations.add(v.toString()));
        }
        assertThat(violations).as("what the API server would refuse in " + kustomization + ":\n  "
                + String.join("\n  ", violations)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyPodTemplateMeetsTheRestrictedPodSecurityStandard(String kustomization) {
        List<String> violations = new ArrayList<>();
        for (Doc d : rendered(kustomization)) {
            violations.addAll(PodSecurity.restricted(label(kustomization, d), d.node()));
        }
        assertThat(violations).as("Pod Security Standards (restricted) in " + kustomization + ":\n  "
                + String.join("\n  ", violations)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theJavaRenderingIsWhatKubectlKustomizeMakes(String kustomization) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on PATH");
        Path errors = Files.createTempFile("kustomize", ".err");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(kustomization).toString())
                .redirectError(errors.toFile()).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errors);
        Files.delete(errors);
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + kustomization + ": " + err).isZero();
        Map<String, JsonNode> expected = byId(readAll(new String(out, StandardCharsets.UTF_8)));
        Map<String, JsonNode> actual = byId(rendered(kustomization).stream().map(Doc::node).toList());
        assertThat(actual.keySet()).as(kustomization + ": the objects").containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> differences = new ArrayList<>();
        for (String id : expected.keySet()) {
            differences(id + " $", expected.get(id), actual.get(id), differences);
        }
        assertThat(differences).as(kustomization + ": where the Java rendering differs from kubectl kustomize\n  "
                + String.join("\n  ", differences)).isEmpty();
    }

    /**
     * Where two objects differ, by JSON path. The order of an object's keys does not count, nor that of a list
     * whose items all have a name (matched by name); any other list's order does.
     */
    private static void differences(String at, JsonNode kubectl, JsonNode java, List<String> out) {
        if (kubectl.isObject() && java.isObject()) {
            Set<String> keys = new TreeSet<>();
            kubectl.fieldNames().forEachRemaining(keys::add);
            java.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                differences(at + "." + k, kubectl.path(k), java.path(k), out);
            }
        } else if (kubectl.isArray() && java.isArray() && named(kubectl) && named(java)) {
            // a list merged by name (containers, env, volumes, ports): kustomize's strategic merge orders the
            // items it adds differently from Manifests.merge; their identity is the name
            Map<String, JsonNode> a = byName(kubectl);
            Map<String, JsonNode> b = byName(java);
            Set<String> names = new TreeSet<>(a.keySet());
            names.addAll(b.keySet());
            for (String n : names) {
                differences(at + "[name=" + n + "]", a.getOrDefault(n, MissingNode.getInstance()),
                        b.getOrDefault(n, MissingNode.getInstance()), out);
            }
        } else if (kubectl.isArray() && java.isArray() && kubectl.size() == java.size()) {
            for (int i = 0; i < kubectl.size(); i++) {
                differences(at + "[" + i + "]", kubectl.get(i), java.get(i), out);
            }
        } else if (!kubectl.equals(java)) {
            out.add(at + ": kubectl " + (kubectl.isMissingNode() ? "(absent)" : kubectl)
                    + ", Java " + (java.isMissingNode() ? "(absent)" : java));
        }
    }

    // ------------------------------------------------------------------ the checks can fail

    /** The objects README's "Deploying" has a reader apply by hand (the first-admin Job, the restore's Cluster). */
    @Test
    void theObjectsReadmeDeployingAppliesAreValidToo() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String deploying = readme.substring(readme.indexOf("\n## Deploying\n"));
        deploying = deploying.substring(0, deploying.indexOf("\n## ", 5));
        List<String> blocks = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)```yaml\n(.*?)```|<<'YAML'\n(.*?)\nYAML\n")
                .matcher(deploying);
        while (m.find()) {
            blocks.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(blocks).as("README's Deploying shows a Job and a restore Cluster").hasSizeGreaterThanOrEqualTo(2);
        for (String block : blocks) {
            JsonNode object = yaml(block);
            String label = "README " + object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            assertThat(SCHEMAS.validate(label, object)).as(label).isEmpty();
            assertThat(PodSecurity.restricted(label, object)).as(label + ": Pod Security restricted").isEmpty();
        }
    }

    @Test
    void theStrictRewriteClosesObjectsTheWayTheApiServerPrunesThem() {
        JsonNode strict = K8sSchemas.strict(yaml("""
                type: object
                properties:
                  closed: {type: object, properties: {a: {type: string}}}
                  open: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}
                  map: {type: object, additionalProperties: {type: string}}
                  empty: {type: object}
                  port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}], format: int-or-string}
                  maybe: {type: string, nullable: true, default: x, x-kubernetes-validations: [{rule: "self != ''"}]}
                  embedded: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}
                  ref: {allOf: [{$ref: "#/components/schemas/io.k8s.api.core.v1.PodSpec"}]}
                  choice: {type: object, properties: {a: {type: string}, b: {type: string}}, oneOf: [{properties: {a: {}}, required: [a]}, {required: [b]}]}
                """), true, false);
        assertThat(strict.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode p = strict.path("properties");
        assertThat(p.at("/closed/additionalProperties").asBoolean(true)).as("properties, no additionalProperties: closed").isFalse();
        assertThat(p.path("open").has("additionalProperties")).as("x-kubernetes-preserve-unknown-fields: open").isFalse();
        assertThat(p.at("/map/additionalProperties/type").asText()).as("a map keeps its value schema").isEqualTo("string");
        assertThat(p.at("/empty/additionalProperties").asBoolean(true)).as("a CRD's bare object is pruned to nothing").isFalse();
        assertThat(p.at("/port/type")).as("int-or-string").hasToString("[\"integer\",\"string\"]");
        assertThat(p.path("port").has("format")).isFalse();
        assertThat(p.at("/maybe/type")).as("nullable").hasToString("[\"string\",\"null\"]");
        assertThat(p.path("maybe").has("default") || p.path("maybe").has("x-kubernetes-validations")).isFalse();
        assertThat(p.at("/embedded/properties").fieldNames()).toIterable().contains("apiVersion", "kind", "metadata", "spec");
        assertThat(p.at("/ref/allOf/0/$ref").asText()).isEqualTo("#/$defs/io.k8s.api.core.v1.PodSpec");
        assertThat(p.at("/choice/oneOf/0").has("additionalProperties")).as("a branch restates, it does not close").isFalse();
        assertThat(K8sSchemas.strict(yaml("{type: object}"), false, false).has("additionalProperties"))
                .as("a built-in bare object (RawExtension) stays open").isFalse();
    }

    @Test
    void aValidObjectOfEachKindPasses() {
        List<JsonNode> more = List.of(yaml("""
                apiVersion: postgresql.cnpg.io/v1
                kind: ScheduledBackup
                metadata: {name: nightly}
                spec: {schedule: "0 0 2 * * *", cluster: {name: db}, method: barmanObjectStore, backupOwnerReference: self}
                """), yaml("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: x, annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 1m}}
                spec:
                  ingressClassName: nginx
                  tls: [{hosts: [pay.example.invalid], secretName: x-tls}]
                  rules:
                    - host: pay.example.invalid
                      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: x, port: {name: http}}}}]}
                """), yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: x}}
                spec: {partitions: 24, replicas: 3, config: {retention.ms: 604800000, min.insync.replicas: 2}}
                """), yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec: {selector: {app: x}, ports: [{name: http, port: 80, targetPort: http}]}
                """));
        for (JsonNode object : more) {
            assertThat(SCHEMAS.validate("fixture", object)).as(object.path("kind").asText()).isEmpty();
        }
        for (JsonNode object : List.of(deployment(), kafka(), nodePool(), cluster())) {
            assertThat(SCHEMAS.validate("fixture", object)).as(object.path("kind").asText()).isEmpty();
            assertThat(PodSecurity.restricted("fixture", object)).as(object.path("kind").asText()).isEmpty();
        }
    }

    @Test
    void anUnknownFieldIsReportedWithItsPath() {
        ObjectNode d = deployment();
        ((ObjectNode) d.path("spec")).put("replicaz", 3);
        assertThat(SCHEMAS.validate("Deployment/x", d)).singleElement().satisfies(v -> {
            assertThat(v.object()).isEqualTo("Deployment/x");
            assertThat(v.path()).isEqualTo("$.spec");
            assertThat(v.reason()).contains("replicaz");
        });
        ObjectNode k = kafka();
        ((ObjectNode) k.path("spec").path("kafka")).putArray("listenerz");
        assertThat(reasons(SCHEMAS.validate("Kafka/x", k))).singleElement().asString().contains("$.spec.kafka", "listenerz");
        ObjectNode meta = deployment();
        ((ObjectNode) meta.path("metadata")).put("label", "typo");
        assertThat(reasons(SCHEMAS.validate("Deployment/x", meta))).singleElement().asString().contains("$.metadata", "label");
        ObjectNode container = deployment();
        ((ObjectNode) container.at("/spec/template/spec/containers/0")).put("imagePullPolice", "Always");
        assertThat(reasons(SCHEMAS.validate("Deployment/x", container))).singleElement().asString()
                .contains("$.spec.template.spec.containers[0]", "imagePullPolice");
        ObjectNode cr = cluster();
        ((ObjectNode) cr.path("metadata")).put("labelz", "typo");
        assertThat(reasons(SCHEMAS.validate("Cluster/x", cr))).singleElement().asString().contains("$.metadata", "labelz");
    }

    @Test
    void aWrongTypeOrValueIsReported() {
        ObjectNode d = deployment();
        ((ObjectNode) d.path("spec")).put("replicas", "three");
        assertThat(reasons(SCHEMAS.validate("Deployment/x", d))).singleElement().asString().contains("$.spec.replicas", "integer");
        ObjectNode pool = nodePool();
        ((ObjectNode) pool.path("spec")).put("replicas", "3");
        assertThat(reasons(SCHEMAS.validate("KafkaNodePool/x", pool))).singleElement().asString().contains("$.spec.replicas");
        ObjectNode roles = nodePool();
        ((ObjectNode) roles.path("spec")).putArray("roles").add("leader");
        assertThat(reasons(SCHEMAS.validate("KafkaNodePool/x", roles))).anyMatch(r -> r.contains("$.spec.roles[0]"));
        ObjectNode missing = kafka();
        ((ObjectNode) missing.path("spec").path("kafka")).remove("listeners");
        assertThat(reasons(SCHEMAS.validate("Kafka/x", missing))).anyMatch(r -> r.contains("listeners"));
        ObjectNode port = deployment();
        ((ObjectNode) port.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", 80.5);
        assertThat(reasons(SCHEMAS.validate("Deployment/x", port))).anyMatch(r -> r.contains("containerPort"));
    }

    @Test
    void intOrStringAndQuantitiesTakeNumbersAndStrings() {
        ObjectNode d = deployment();
        ObjectNode resources = (ObjectNode) d.at("/spec/template/spec/containers/0/resources");
        resources.putObject("requests").put("cpu", 0.5).put("memory", "256Mi");
        resources.putObject("limits").put("cpu", 2).put("memory", "1Gi");
        ((ObjectNode) d.path("spec")).putObject("strategy").putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", 0);
        assertThat(SCHEMAS.validate("Deployment/x", d)).isEmpty();
        ((ObjectNode) d.at("/spec/strategy/rollingUpdate")).put("maxSurge", true);
        assertThat(reasons(SCHEMAS.validate("Deployment/x", d))).anyMatch(r -> r.contains("maxSurge"));
    }

    @Test
    void anApiVersionThatIsNotServedIsReported() {
        ObjectNode k = kafka().put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(SCHEMAS.validate("Kafka/x", k)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.apiVersion");
            assertThat(v.reason()).contains("kafka.strimzi.io/v1beta2 Kafka is not served by Strimzi 1.2.0", "kafka.strimzi.io/v1");
        });
        assertThat(reasons(SCHEMAS.validate("x", deployment().put("apiVersion", "extensions/v1beta1"))))
                .singleElement().asString().contains("extensions/v1beta1 Deployment is not served by Kubernetes 1.35");
        assertThat(reasons(SCHEMAS.validate("x", deployment().put("apiVersion", "policy/v1beta1").put("kind", "PodSecurityPolicy"))))
                .singleElement().asString().contains("not served");
        assertThat(reasons(SCHEMAS.validate("x", kafka().put("kind", "KafkaCluster")))).singleElement().asString()
                .contains("no kind KafkaCluster");
    }

    @Test
    void aWrongFieldInARenderedObjectIsReported() {
        List<Doc> docs = rendered("overlays/prod");
        ObjectNode deployment = servedCopy(docs, "Deployment");
        ((ObjectNode) deployment.path("spec")).put("replicaz", 3);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicy", 1);
        assertThat(reasons(SCHEMAS.validate("Deployment/peakgate", deployment)))
                .anyMatch(r -> r.contains("Deployment/peakgate at $.spec: ") && r.contains("replicaz"))
                .anyMatch(r -> r.contains("$.spec.template.spec.containers[0].imagePullPolicy"));
        ObjectNode kafka = servedCopy(docs, "Kafka");
        ((ObjectNode) kafka.path("spec").path("kafka")).set("listenerz", kafka.path("spec").path("kafka").path("listeners"));
        assertThat(reasons(SCHEMAS.validate("Kafka/peakgate", kafka)))
                .anyMatch(r -> r.contains("Kafka/peakgate at $.spec.kafka: ") && r.contains("listenerz"));
        ObjectNode pool = servedCopy(docs, "KafkaNodePool");
        ((ObjectNode) pool.path("spec")).put("replicas", "three");
        assertThat(reasons(SCHEMAS.validate("KafkaNodePool/x", pool))).anyMatch(r -> r.contains("$.spec.replicas"));
        ObjectNode old = servedCopy(docs, "Kafka").put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(reasons(SCHEMAS.validate("Kafka/peakgate", old))).singleElement().asString().contains("is not served");
        ObjectNode root = servedCopy(docs, "Deployment");
        ((ObjectNode) root.at("/spec/template/spec")).putObject("securityContext").put("runAsUser", 0);
        ((ObjectNode) root.at("/spec/template/spec/containers/0/securityContext")).remove("runAsNonRoot");
        assertThat(PodSecurity.restricted("Deployment/peakgate", root))
                .anyMatch(r -> r.contains("Deployment/peakgate at $.spec.template.spec.securityContext.runAsUser"))
                .anyMatch(r -> r.contains("runAsNonRoot: must be true"));
    }

    /** A rendered object of that kind, moved to the served Strimzi API if it is not yet there. */
    private static ObjectNode servedCopy(List<Doc> docs, String kind) {
        ObjectNode copy = (ObjectNode) docs.stream().filter(d -> d.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind)).node().deepCopy();
        if (copy.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
            copy.put("apiVersion", "kafka.strimzi.io/v1");
        }
        return copy;
    }

    @Test
    void aPodThatMayRunAsRootIsReported() {
        ObjectNode d = deployment();
        ((ObjectNode) d.at("/spec/template/spec/securityContext")).remove("runAsNonRoot");
        assertThat(PodSecurity.restricted("Deployment/x", d)).singleElement().asString()
                .contains("Deployment/x at $.spec.template.spec.containers[0] (app).securityContext.runAsNonRoot");
        ObjectNode root = deployment();
        ((ObjectNode) root.at("/spec/template/spec/containers/0/securityContext")).put("runAsUser", 0);
        assertThat(PodSecurity.restricted("Deployment/x", root)).singleElement().asString().contains("runAsUser");
    }

    @Test
    void everyRestrictedRuleCanFail() {
        ObjectNode d = deployment();
        ObjectNode pod = (ObjectNode) d.at("/spec/template/spec");
        pod.put("hostNetwork", true).put("hostPID", true).put("hostIPC", true);
        pod.withArray("volumes").addObject().put("name", "h").putObject("hostPath").put("path", "/");
        pod.withArray("volumes").addObject().put("name", "n").putObject("nfs").put("server", "nfs").put("path", "/");
        ((ObjectNode) pod.path("securityContext")).putObject("seccompProfile").put("type", "Unconfined");
        ((ObjectNode) pod.path("securityContext")).withArray("sysctls").addObject().put("name", "kernel.msgmax").put("value", "1");
        ObjectNode sc = (ObjectNode) pod.at("/containers/0/securityContext");
        sc.put("privileged", true).put("allowPrivilegeEscalation", true).put("runAsNonRoot", false);
        sc.putObject("capabilities").putArray("add").add("SYS_ADMIN");
        ((ObjectNode) pod.at("/containers/0/ports/0")).put("hostPort", 8080);
        ObjectNode init = pod.withArray("initContainers").addObject().put("name", "init").put("image", "busybox");
        init.putObject("securityContext").put("allowPrivilegeEscalation", false);
        String all = String.join("\n", PodSecurity.restricted("Deployment/x", d));
        assertThat(all).contains("hostNetwork", "hostPID", "hostIPC", "a hostPath volume", "a nfs volume",
                "seccompProfile.type: Unconfined", "kernel.msgmax", "privileged", "(app).securityContext.allowPrivilegeEscalation",
                "(app).securityContext.runAsNonRoot: must not be false", "SYS_ADMIN", "(app).securityContext.capabilities.drop",
                "hostPort", "initContainers[0] (init).securityContext.capabilities.drop: must contain ALL",
                "initContainers[0] (init).securityContext.seccompProfile.type: must be RuntimeDefault");
        ObjectNode k = kafka();
        ((ObjectNode) k.at("/spec/kafka")).putObject("template").putObject("pod").putObject("securityContext").put("runAsUser", 0);
        assertThat(PodSecurity.restricted("Kafka/x", k)).singleElement().asString()
                .contains("$.spec.kafka.template.pod.securityContext.runAsUser");
    }

    // ------------------------------------------------------------------ fixtures and helpers

    /** A Deployment that passes both checks: the baseline each negative test changes one thing of. */
    private static ObjectNode deployment() {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, labels: {app: x}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                      volumes: [{name: tmp, emptyDir: {}}]
                      containers:
                        - name: app
                          image: example/app:1
                          ports: [{containerPort: 8080, name: http}]
                          resources: {}
                          securityContext:
                            allowPrivilegeEscalation: false
                            capabilities: {drop: [ALL]}
                """);
    }

    private static ObjectNode kafka() {
        return yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: x}
                spec:
                  kafka:
                    listeners: [{name: plain, port: 9092, type: internal, tls: false}]
                    config: {offsets.topic.replication.factor: 3}
                  entityOperator: {topicOperator: {}}
                """);
    }

    private static ObjectNode nodePool() {
        return yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: brokers, labels: {strimzi.io/cluster: x}}
                spec:
                  replicas: 3
                  roles: [broker]
                  storage: {type: persistent-claim, size: 10Gi}
                """);
    }

    private static ObjectNode cluster() {
        return yaml("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 3
                  storage: {size: 10Gi}
                """);
    }

    private static List<String> reasons(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> readAll(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (values.hasNextValue()) {
                JsonNode n = values.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    private static Map<String, JsonNode> byId(List<JsonNode> docs) {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode d : docs) {
            String id = d.path("apiVersion").asText() + " " + d.path("kind").asText() + " "
                    + d.path("metadata").path("namespace").asText("") + "/" + d.path("metadata").path("name").asText();
            assertThat(byId.put(id, d)).as("two objects " + id).isNull();
        }
        return byId;
    }

    private static boolean named(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.path("name").isTextual()) {
                return false;
            }
        }
        return !list.isEmpty();
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> byName = new TreeMap<>();
        list.forEach(item -> byName.put(item.path("name").asText(), item));
        return byName;
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
