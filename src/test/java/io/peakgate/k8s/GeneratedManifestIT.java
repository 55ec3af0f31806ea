package io.peakgate.k8s;

import io.peakgate.k8s.Manifests.Doc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
        // compared as objects: the extension does not keep the order of labels from one build to the next
        assertThat(Manifests.load(built).stream().map(Doc::node).toList())
                .as("k8s/base/generated is stale: run bin/peakgate k8s-generate")
                .isEqualTo(Manifests.load(ROOT.resolve("k8s/base/generated/kubernetes.yml")).stream().map(Doc::node).toList());
    }
}
