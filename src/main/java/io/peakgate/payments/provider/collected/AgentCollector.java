package io.peakgate.payments.provider.collected;

import io.peakgate.payments.Collected;
import jakarta.enterprise.context.ApplicationScoped;

/** Payments taken by payment agents and terminal networks (the check/pay protocol). */
@ApplicationScoped
public class AgentCollector extends CollectedProvider {

    public static final String NAME = Collected.AGENT;

    @Override
    public String name() {
        return NAME;
    }
}
