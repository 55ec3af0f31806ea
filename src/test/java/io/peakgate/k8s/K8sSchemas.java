package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a rendered object the way a Kubernetes 1.35 API server with the Strimzi and CloudNativePG
 * CRDs installed would, from the schemas in {@code shared/k8s-schemas/} (see its README.md):
 * <ol>
 * <li>the apiVersion and kind must be served: a built-in kind is one the OpenAPI document serves as a REST
 * resource ({@code gvk}) whose definition carries the same {@code x-kubernetes-group-version-kind}; a
 * custom resource's group, kind and version must be listed as served in {@code crds/index.json} with a
 * schema file;</li>
 * <li>the body must match the schema with unknown fields refused (strict field validation).</li>
 * </ol>
 * The OpenAPI schemas are rewritten into strict JSON Schema 2020-12 the way kubeconform does, then checked
 * by networknt's json-schema-validator: {@code #/components/schemas/X} refs point at {@code #/$defs/X};
 * an object schema with {@code properties} and neither {@code additionalProperties} nor
 * {@code x-kubernetes-preserve-unknown-fields: true} gets {@code additionalProperties: false} (in a CRD
 * also an object schema without properties, which the API server prunes to nothing);
 * {@code x-kubernetes-int-or-string} becomes {@code type: [integer, string]}; {@code nullable} adds
 * {@code null} to the type; {@code x-kubernetes-embedded-resource} admits apiVersion, kind and metadata;
 * a CRD's {@code metadata} is Kubernetes' ObjectMeta. Annotations ({@code format}, {@code default},
 * {@code x-kubernetes-validations} CEL rules, ...) are dropped: formats and CEL are not checked.
 */
final class K8sSchemas {

    /** A place where an object breaks its schema: the object, a JSON path into it, and why. */
    record Violation(String object, String path, String reason) {
        @Override
        public String toString() {
            return object + " at " + path + ": " + reason;
        }
    }

    private static final String REF_PREFIX = "#/components/schemas/";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    /** JSON Schema keywords kept verbatim (after their sub-schemas are made strict). */
    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "required", "enum", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "pattern", "minLength", "maxLength", "minItems",
            "maxItems", "uniqueItems", "minProperties", "maxProperties");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path dir;
    private final JsonNode openapi;
    private final JsonNode index;
    /** Every built-in definition, strict, under {@code $defs}: shared by every schema document. */
    private final ObjectNode strictDefinitions;
    /** Paths as {@code $.spec.containers[0]} (the legacy path type) rather than JSON pointers. */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.LEGACY).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    K8sSchemas(Path dir) {
        this.dir = dir;
        this.openapi = read(dir.resolve("kubernetes-1.35-openapi.json"));
        this.index = read(dir.resolve("crds/index.json"));
        this.strictDefinitions = NODES.objectNode();
        openapi.path("definitions").properties()
                .forEach(e -> strictDefinitions.set(e.getKey(), strict(e.getValue(), false, false)));
    }

    /**
     * The schemas folder: {@code -Dk8s.schemas=...}, else the first {@code shared/k8s-schemas} beside the
     * project or one of its parents (a worktree lives further down than the main checkout), else the workplace's
     * /work/shared/k8s-schemas.
     */
    static Path locate(Path projectRoot) {
        String configured = System.getProperty("k8s.schemas");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = projectRoot.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/k8s-schemas");
            if (Files.isRegularFile(candidate.resolve("kubernetes-1.35-openapi.json"))) {
                return candidate;
            }
        }
        // a clone made elsewhere on the workplace's machines (a fresh clone under /tmp) finds the workplace's copy
        Path workplace = Path.of("/work/shared/k8s-schemas");
        if (Files.isRegularFile(workplace.resolve("kubernetes-1.35-openapi.json"))) {
            return workplace;
        }
        throw new IllegalStateException("no shared/k8s-schemas beside " + projectRoot + ", its parents or /work/shared;"
                + " set -Dk8s.schemas");
    }

    /** Every violation of {@code object} (named {@code label} in the messages); empty when the server would accept it. */
    List<Violation> validate(String label, JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of(new Violation(label, "$", "apiVersion and kind are required"));
        }
        Optional<String> served = index.has(group) ? servedCustomResource(group, version, kind) : servedBuiltIn(group, version, kind);
        if (served.isPresent()) {
            return List.of(new Violation(label, "$.apiVersion", served.get()));
        }
        Schema schema = schemas.computeIfAbsent(apiVersion + "/" + kind, k -> compile(group, version, kind));
        List<Violation> found = new ArrayList<>();
        for (Error e : schema.validate(object.toString(), InputFormat.JSON)) {
            found.add(new Violation(label, e.getInstanceLocation().toString(), reason(e)));
        }
        return found;
    }

    /** Empty when served, else why not. */
    private Optional<String> servedCustomResource(String group, String version, String kind) {
        JsonNode crd = index.path(group);
        JsonNode v = crd.path("kinds").path(kind).path("versions").path(version);
        String release = crd.path("operator").asText() + " " + crd.path("release").asText();
        if (!crd.path("kinds").has(kind)) {
            return Optional.of(group + " has no kind " + kind + " in " + release);
        }
        if (!v.path("served").asBoolean(false) || !Files.isRegularFile(dir.resolve("crds").resolve(v.path("schema").asText("-")))) {
            List<String> versions = new ArrayList<>();
            crd.path("kinds").path(kind).path("versions").properties().forEach(e -> {
                if (e.getValue().path("served").asBoolean(false)) {
                    versions.add(group + "/" + e.getKey());
                }
            });
            return Optional.of(group + "/" + version + " " + kind + " is not served by " + release + " (it serves " + versions + ")");
        }
        return Optional.empty();
    }

    private Optional<String> servedBuiltIn(String group, String version, String kind) {
        String key = (group.isEmpty() ? "" : group + "/") + version + "/" + kind;
        JsonNode definition = openapi.path("definitions").path(openapi.path("gvk").path(key).asText("-"));
        for (JsonNode gvk : definition.path("x-kubernetes-group-version-kind")) {
            if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                    && gvk.path("kind").asText().equals(kind)) {
                return Optional.empty();
            }
        }
        return Optional.of(key.substring(0, key.lastIndexOf('/')) + " " + kind
                + " is not served by Kubernetes " + openapi.path("kubernetes").asText() + " nor by an installed operator");
    }

    private Schema compile(String group, String version, String kind) {
        ObjectNode document;
        if (index.has(group)) {
            JsonNode v = index.path(group).path("kinds").path(kind).path("versions").path(version);
            ObjectNode crd = read(dir.resolve("crds").resolve(v.path("schema").asText())).deepCopy();
            if (crd.path("properties") instanceof ObjectNode props) {
                props.set("metadata", NODES.objectNode().put("$ref", REF_PREFIX + OBJECT_META));
            }
            document = (ObjectNode) strict(crd, true, false);
        } else {
            String definition = openapi.path("gvk").path((group.isEmpty() ? "" : group + "/") + version + "/" + kind).asText();
            document = NODES.objectNode().put("$ref", "#/$defs/" + definition);
        }
        document.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        document.set("$defs", strictDefinitions);
        return registry.getSchema(document.toString(), InputFormat.JSON);
    }

    /**
     * The strict JSON Schema of an OpenAPI/structural schema. {@code crd}: the CRD rules (an object without
     * properties prunes everything); {@code branch}: inside allOf/anyOf/oneOf/not, whose properties only
     * restate the enclosing schema's, so no additionalProperties is added there.
     */
    static JsonNode strict(JsonNode schema, boolean crd, boolean branch) {
        if (!(schema instanceof ObjectNode in)) {
            return schema;
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : in.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    v.properties().forEach(p -> props.set(p.getKey(), strict(p.getValue(), crd, false)));
                }
                case "items", "additionalProperties" -> out.set(k, strict(v, crd, false));
                case "not" -> out.set(k, strict(v, crd, true));
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(k);
                    v.forEach(s -> list.add(strict(s, crd, true)));
                }
                case "$ref" -> out.put(k, v.asText().startsWith(REF_PREFIX)
                        ? "#/$defs/" + v.asText().substring(REF_PREFIX.length()) : v.asText());
                default -> {
                    if (VALUE_KEYWORDS.contains(k)) {
                        out.set(k, v.deepCopy());
                    }
                }
            }
        }
        boolean preserve = in.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (in.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
            props.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
            props.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
            props.putIfAbsent("metadata", NODES.objectNode().put("$ref", "#/$defs/" + OBJECT_META));
        }
        boolean object = out.has("properties") || "object".equals(in.path("type").asText());
        boolean closes = out.has("properties") || (crd && "object".equals(in.path("type").asText()));
        if (object && closes && !branch && !preserve && !out.has("additionalProperties")) {
            out.put("additionalProperties", false);
        }
        if (in.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.set("type", NODES.arrayNode().add("integer").add("string"));
        }
        if (in.path("nullable").asBoolean(false) && out.has("type")) {
            ArrayNode types = out.get("type").isArray() ? (ArrayNode) out.get("type").deepCopy() : NODES.arrayNode().add(out.get("type"));
            types.add("null");
            out.set("type", types);
        }
        return out;
    }

    private static String reason(Error e) {
        String message = e.getMessage();
        String at = e.getInstanceLocation().toString() + ": ";
        return message.startsWith(at) ? message.substring(at.length()) : message;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
