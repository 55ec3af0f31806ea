package io.peakgate.k8s;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code k8s/base/generated/kubernetes.yml} is what this build generates from
 * application.properties. A failsafe check, so it runs after the package phase of the same build, and it
 * reads {@code target/kubernetes/} only when this build wrote it: never what an earlier build (run with
 * other settings, e.g. {@code QUARKUS_HTTP_PORT=18080 bin/peakgate run}) left there.
 */
class GeneratedManifestIT {

    private static final Path ROOT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();

    @Test
    void theCommittedManifestIsThisBuildsOutput() throws IOException {
        Path built = ROOT.resolve("target/kubernetes/kubernetes.yml");
        String started = System.getProperty("peakgate.build.started");
        assertThat(started).as("failsafe passes the build's start time (pom.xml)").isNotBlank();
        assertThat(built).as("the package phase generates the manifest").isRegularFile();
        assertThat(Files.getLastModifiedTime(built).toInstant()).as(built + " was written by this build")
                .isAfterOrEqualTo(Instant.parse(started));
        // compared as objects: the extension keeps the order neither of labels nor of a container's ports from one
        // build to the next (ports are a list merged by name, so their order means nothing to Kubernetes)
        assertThat(Manifests.load(built).stream().map(d -> portsByName(d.node())).toList())
                .as("k8s/base/generated is stale: run bin/peakgate k8s-generate")
                .isEqualTo(Manifests.load(ROOT.resolve("k8s/base/generated/kubernetes.yml")).stream()
                        .map(d -> portsByName(d.node())).toList());
    }

    /** A copy with every {@code ports} list ordered by the ports' names. */
    private static JsonNode portsByName(JsonNode node) {
        JsonNode copy = node.deepCopy();
        sortPorts(copy);
        return copy;
    }

    private static void sortPorts(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> {
                if (e.getKey().equals("ports") && e.getValue() instanceof ArrayNode ports) {
                    List<JsonNode> sorted = new ArrayList<>();
                    ports.forEach(sorted::add);
                    sorted.sort(Comparator.comparing(p -> p.path("name").asText()));
                    ports.removeAll();
                    sorted.forEach(ports::add);
                }
                sortPorts(e.getValue());
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(GeneratedManifestIT::sortPorts);
        }
    }
}
