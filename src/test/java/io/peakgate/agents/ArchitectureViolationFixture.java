package io.peakgate.agents;

import io.peakgate.payments.service.PaymentQueries;

/** A deliberately wrong import for ArchitectureTest: agents reaching into payments' service package. */
public final class ArchitectureViolationFixture {

    private ArchitectureViolationFixture() {
    }

    /** Holds the forbidden dependency. */
    public static final class ReachesIntoAnotherDomain {
        PaymentQueries queries;
    }
}
