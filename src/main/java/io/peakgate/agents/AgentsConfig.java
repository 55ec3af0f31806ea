package io.peakgate.agents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Payment agents and terminal networks using the check/pay protocol. */
@ConfigMapping(prefix = "peakgate.agents")
public interface AgentsConfig {

    /** By agent name (the path segment of {@code /v1/agents/{agent}/pay}). */
    @WithParentName
    Map<String, Agent> agents();

    interface Agent {
        /** Sent as HTTP Basic credentials: the agent name and this secret. */
        String secret();

        /**
         * Source addresses allowed to call: single addresses or CIDR ranges, IPv4 or IPv6. Empty or
         * missing refuses every address in the prod profile (and allows any in dev, test, demo).
         */
        @WithName("allowed-addresses")
        Optional<List<String>> allowedAddresses();

        /** Suppliers this agent collects for; the first is used when a request names none. */
        List<String> suppliers();
    }
}
