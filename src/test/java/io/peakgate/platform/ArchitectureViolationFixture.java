package io.peakgate.platform;

import io.peakgate.accounts.Accounts;

/** A deliberately wrong import for ArchitectureTest: platform knowing a domain. */
public final class ArchitectureViolationFixture {

    Accounts accounts;

    private ArchitectureViolationFixture() {
    }
}
