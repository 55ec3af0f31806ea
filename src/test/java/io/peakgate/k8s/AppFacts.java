package io.peakgate.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the manifests must agree with, read from the application's own files: application.properties
 * (property names, the HTTP port, health paths, shutdown timeout), the Kafka topics (Topics.java,
 * bin/peakgate, the messaging channels) and the extensions in pom.xml.
 */
final class AppFacts {

    final Path root;
    /** Every key of application.properties as written, profile prefixes included. */
    final Properties properties = new Properties();

    AppFacts(Path root) {
        this.root = root;
        try (Reader in = Files.newBufferedReader(root.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key without its profile prefix: {@code %dev,test.a.b} is {@code a.b}. */
    static String unprofiled(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    /**
     * The environment variable SmallRye Config reads for a property: every character that is not a
     * letter or a digit becomes an underscore, and letters are upper-cased
     * ({@code quarkus.datasource.reactive.url} is {@code QUARKUS_DATASOURCE_REACTIVE_URL}).
     */
    static String envName(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    /** Property names (profile prefixes removed) by their environment variable. */
    TreeMap<String, String> propertiesByEnvName() {
        TreeMap<String, String> byEnv = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            byEnv.putIfAbsent(envName(unprofiled(key)), unprofiled(key));
        }
        return byEnv;
    }

    /** Keys under {@code prefix.<entry>.} (profile prefixes removed), e.g. the fields of a named SMS aggregator. */
    Set<String> keysUnder(String prefix) {
        return properties.stringPropertyNames().stream().map(AppFacts::unprofiled)
                .filter(k -> k.startsWith(prefix + ".")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The value the prod profile sees: {@code %prod.key} if set, else the plain key. */
    Optional<String> prod(String key) {
        return Optional.ofNullable(properties.getProperty("%prod." + key, properties.getProperty(key)));
    }

    int httpPort() {
        return Integer.parseInt(prod("quarkus.http.port").orElse("8080"));
    }

    /** The management interface's port (health, metrics) when it is enabled, else the HTTP port that serves them. */
    int managementPort() {
        return Boolean.parseBoolean(prod("quarkus.management.enabled").orElse("false"))
                ? Integer.parseInt(prod("quarkus.management.port").orElse("9000")) : httpPort();
    }

    /** A health endpoint's path as SmallRye Health serves it, from the configured roots (Quarkus defaults otherwise). */
    String healthPath(String check, String defaultPath) {
        String nonApplication = prod("quarkus.http.non-application-root-path").orElse("q");
        String health = prod("quarkus.smallrye-health.root-path").orElse("health");
        String path = prod("quarkus.smallrye-health." + check + "-path").orElse(defaultPath);
        return "/" + strip(nonApplication) + "/" + strip(health) + "/" + strip(path);
    }

    private static String strip(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }

    boolean hasDependency(String artifactId) {
        return read("pom.xml").contains("<artifactId>" + artifactId + "</artifactId>");
    }

    /** {@code quarkus.shutdown.timeout} as the prod profile sees it, in Quarkus' duration syntax (20S, PT20S, 20). */
    Optional<Duration> shutdownTimeout() {
        return prod("quarkus.shutdown.timeout").map(AppFacts::duration);
    }

    static Duration duration(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        return Duration.parse(v.toUpperCase().startsWith("P") ? v : "PT" + v);
    }

    /** String constants of Topics.java: the topics the gateway publishes to. */
    Set<String> topicConstants() {
        return matches(read("src/main/java/io/peakgate/billing/Topics.java"),
                Pattern.compile("static final String \\w+ = \"([^\"]+)\";"));
    }

    /** The KAFKA_TOPICS list of bin/peakgate: the topics the local broker is given. */
    Set<String> scriptTopics() {
        Matcher m = Pattern.compile("(?m)^KAFKA_TOPICS=\\(([^)]*)\\)").matcher(read("bin/peakgate"));
        if (!m.find()) {
            return Set.of();
        }
        return Set.of(m.group(1).trim().split("\\s+")).stream().collect(Collectors.toCollection(TreeSet::new));
    }

    /** The topics of the messaging channels in application.properties (mp.messaging.*.*.topic). */
    Set<String> channelTopics() {
        return properties.stringPropertyNames().stream()
                .filter(k -> unprofiled(k).matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic"))
                .map(properties::getProperty).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Values of demo-only keys that are credentials (secret, password, private key). */
    Set<String> demoSecretValues() {
        return properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("%") && unprofiled(k).matches(".*(secret|password|private-key|secret-key)"))
                .map(properties::getProperty).collect(Collectors.toCollection(TreeSet::new));
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(String text, Pattern pattern) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
