package io.peakgate.vault;

import io.peakgate.payments.Payment;

/** A deliberate cycle for ArchitectureTest: payments uses the vault, and this vault class uses payments. */
public final class ArchitectureCycleFixture {

    Payment payment;

    private ArchitectureCycleFixture() {
    }
}
