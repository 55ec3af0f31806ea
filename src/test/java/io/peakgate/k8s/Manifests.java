package io.peakgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the manifests under {@code k8s/} and renders a kustomization the way {@code kubectl apply -k}
 * would, for the subset of kustomize the manifests use (resources, patches with or without a target,
 * replicas, images, namespace). Anything else in a kustomization is refused, so a new transformer cannot be
 * silently ignored by the checks.
 * Over 250 lines on purpose: reading and querying the rendered manifests for every manifest test.
 */
final class Manifests {

    static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Set<String> UNDERSTOOD = Set.of("apiVersion", "kind", "namespace", "resources", "patches",
            "replicas", "images");
    /** API groups whose objects kustomize patches by strategic merge (lists of named items merge by name). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "autoscaling", "policy",
            "networking.k8s.io", "batch");
    /** Kinds the namespace transformer leaves alone (among those a kustomization here might hold). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass", "IngressClass", "ClusterImageCatalog",
            "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    /** One YAML document and the file it came from. */
    record Doc(Path file, JsonNode node) {

        String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        String group() {
            String v = apiVersion();
            return v.contains("/") ? v.substring(0, v.indexOf('/')) : "";
        }

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        boolean is(String kind, String name) {
            return kind().equals(kind) && name().equals(name);
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file.getFileName() + ")";
        }
    }

    /** Every YAML file below {@code root}. */
    static List<Path> yamlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of one file; empty documents (a leading comment before "---") are skipped. */
    static List<Doc> load(Path file) {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            List<Doc> docs = new ArrayList<>();
            while (values.hasNextValue()) {
                JsonNode node = values.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(new Doc(file, node));
                }
            }
            return docs;
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode kustomization(Path dir) {
        List<Doc> docs = load(dir.resolve(KUSTOMIZATION));
        if (docs.size() != 1) {
            throw new IllegalStateException(dir.resolve(KUSTOMIZATION) + " must hold one document");
        }
        return docs.getFirst().node();
    }

    /** The files (and directories) a kustomization names, resolved against its directory. */
    static List<Path> references(Path dir) {
        JsonNode k = kustomization(dir);
        List<Path> paths = new ArrayList<>();
        k.path("resources").forEach(r -> paths.add(dir.resolve(r.asText()).normalize()));
        k.path("patches").forEach(p -> paths.add(dir.resolve(p.path("path").asText()).normalize()));
        return paths;
    }

    /** The objects {@code kubectl apply -k dir} would send, in the subset of kustomize described above. */
    static List<Doc> render(Path dir) {
        JsonNode k = kustomization(dir);
        Set<String> unknown = new HashSet<>();
        k.fieldNames().forEachRemaining(f -> {
            if (!UNDERSTOOD.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(dir + ": " + unknown + " not understood by Manifests.render; extend it");
        }
        List<Doc> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            docs.addAll(Files.isDirectory(p) ? render(p) : load(p));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, docs, patch);
        }
        for (JsonNode r : k.path("replicas")) {
            Doc workload = docs.stream().filter(d -> d.name().equals(r.path("name").asText())
                            && (d.kind().equals("Deployment") || d.kind().equals("StatefulSet")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            dir + ": replicas names " + r.path("name").asText() + ", which is not a workload"));
            ((ObjectNode) workload.node().path("spec")).set("replicas", IntNode.valueOf(r.path("count").asInt()));
        }
        for (JsonNode image : k.path("images")) {
            if (setImage(docs, image) == 0) {
                throw new IllegalStateException(dir + ": images entry " + image.path("name").asText()
                        + " matches no container image, so it would change nothing");
            }
        }
        if (k.hasNonNull("namespace")) {
            // kustomize's namespace transformer: every namespaced object goes into the kustomization's namespace
            for (Doc d : docs) {
                if (!CLUSTER_SCOPED.contains(d.kind())) {
                    ((ObjectNode) d.node().path("metadata")).put("namespace", k.path("namespace").asText());
                }
            }
        }
        return docs;
    }

    private static void applyPatch(Path dir, List<Doc> docs, JsonNode patch) {
        Path file = dir.resolve(patch.path("path").asText()).normalize();
        List<Doc> patchDocs = load(file);
        if (patchDocs.size() != 1) {
            throw new IllegalStateException(file + " must hold exactly one patch");
        }
        Doc p = patchDocs.getFirst();
        JsonNode target = patch.get("target");
        int matched = 0;
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            boolean hit = target == null
                    ? d.kind().equals(p.kind()) && d.group().equals(p.group()) && d.name().equals(p.name())
                    : d.kind().equals(target.path("kind").asText())
                    && (!target.has("group") || d.group().equals(target.path("group").asText()))
                    && (!target.has("name") || d.name().equals(target.path("name").asText()));
            if (hit) {
                ObjectNode merged = (ObjectNode) merge(d.node(), p.node(), BUILT_IN_GROUPS.contains(d.group()));
                ((ObjectNode) merged.path("metadata")).set("name", TextNode.valueOf(d.name()));
                docs.set(i, new Doc(d.file(), merged));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalStateException(file + " patches " + (target == null ? p : target) + ", which "
                    + dir + " does not contain");
        }
    }

    private static int setImage(List<Doc> docs, JsonNode image) {
        String name = image.path("name").asText();
        int changed = 0;
        for (Doc d : docs) {
            for (JsonNode c : d.node().path("spec").path("template").path("spec").path("containers")) {
                String current = c.path("image").asText();
                int colon = current.lastIndexOf(':');
                String repo = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
                if (repo.equals(name)) {
                    ((ObjectNode) c).put("image", image.path("newName").asText(repo) + ":" + image.path("newTag").asText(tag));
                    changed++;
                }
            }
        }
        return changed;
    }

    /**
     * Merges a patch into an object: maps recursively, null deletes a field, and lists are replaced,
     * except that in a strategic merge lists of named items (containers, env, volumes) merge by name.
     */
    static JsonNode merge(JsonNode base, JsonNode patch, boolean strategic) {
        if (!(base instanceof ObjectNode) || !(patch instanceof ObjectNode)) {
            return patch.deepCopy();
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode current = out.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                out.remove(e.getKey());
            } else if (strategic && current instanceof ArrayNode a && value instanceof ArrayNode b && named(a) && named(b)) {
                out.set(e.getKey(), mergeByName(a, b));
            } else if (current != null && current.isObject() && value.isObject()) {
                out.set(e.getKey(), merge(current, value, strategic));
            } else {
                out.set(e.getKey(), value.deepCopy());
            }
        }
        return out;
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode mergeByName(ArrayNode base, ArrayNode patch) {
        ArrayNode out = base.deepCopy();
        for (JsonNode item : patch) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).path("name").asText().equals(item.path("name").asText())) {
                    at = i;
                }
            }
            if (at < 0) {
                out.add(item.deepCopy());
            } else {
                out.set(at, merge(out.get(at), item, true));
            }
        }
        return out;
    }

    /** Whether {@code selector}'s matchLabels all appear among {@code labels}. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        if (match.isEmpty() || selector.has("matchExpressions")) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : match.properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
