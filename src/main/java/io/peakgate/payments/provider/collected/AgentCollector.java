package io.peakgate.payments.provider.collected;

import jakarta.enterprise.context.ApplicationScoped;

/** Payments taken by payment agents and terminal networks (the check/pay protocol). */
@ApplicationScoped
public class AgentCollector extends CollectedProvider {

    public static final String NAME = "agent";

    @Override
    public String name() {
        return NAME;
    }
}
