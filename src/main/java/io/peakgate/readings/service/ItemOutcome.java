package io.peakgate.readings.service;

import io.peakgate.platform.error.ProblemException;

/** What became of one submission of a batch. */
public sealed interface ItemOutcome {

    record Accepted(AcceptedReading reading) implements ItemOutcome {
    }

    record Rejected(ProblemException problem) implements ItemOutcome {
    }
}
