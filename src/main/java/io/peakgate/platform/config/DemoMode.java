package io.peakgate.platform.config;

import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Whether the demo is on: only when enabled and the active profile is not plain {@code prod}
 * ({@code bin/peakgate run} uses the {@code demo} profile, which inherits prod's settings). Production
 * code reads it (demo API keys, the demo's return origins), and every bean of {@code io.peakgate.demo}
 * does nothing unless it is on.
 */
@ApplicationScoped
public class DemoMode {

    private static final Logger LOG = Logger.getLogger(DemoMode.class);

    private final boolean active;

    @Inject
    public DemoMode(DemoConfig config) {
        List<String> profiles = ConfigUtils.getProfiles();
        boolean prod = !profiles.isEmpty() && profiles.getFirst().equals("prod");
        if (config.enabled() && prod) {
            LOG.warn("peakgate.demo.enabled is ignored in the prod profile: demo keys are refused");
        }
        this.active = config.enabled() && !prod;
    }

    public boolean active() {
        return active;
    }
}
