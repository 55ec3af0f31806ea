package io.peakgate.readings;

/** One register of an evaluated reading: previous and current values and the consumption between. */
public record RegisterLine(String register, Long previous, long current, Long consumption, boolean rollover) {
}
