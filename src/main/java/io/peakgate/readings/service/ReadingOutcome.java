package io.peakgate.readings.service;

/** What became of a submitted reading: its {@code status} in answers and the {@code outcome} of the readings metric. */
public enum ReadingOutcome {
    /** Stored and on its way to billing. */
    ACCEPTED("accepted"),
    /** Stored, and a person must confirm it (implausible, or late by policy). */
    NEEDS_REVIEW("needs_review"),
    /** Refused, nothing stored (a batch item's status). */
    REJECTED("rejected"),
    /** Evaluated for a dry run, nothing stored. */
    CHECKED("checked");

    private final String wire;

    ReadingOutcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
