package io.peakgate.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The prod profile for a test: the test database (the one the environment names, else the default)
 * and a generated vault keyset, plus what the test adds ({@link #more()}).
 */
public abstract class ProdProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(more());
        config.put("quarkus.datasource.reactive.url", System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://127.0.0.1:5432/peakgate_test"));
        config.put("quarkus.datasource.jdbc.url", System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/peakgate_test"));
        config.put("peakgate.vault.keys-dir", "target/test-vault");
        config.put("peakgate.vault.generate-if-missing", "true");
        // no collector beside the tests: spans are made (trace ids in logs and problems), none is exported
        config.put("quarkus.otel.traces.exporter", "none");
        return config;
    }

    protected abstract Map<String, String> more();
}
