package io.peakgate.readings.service;

/** Names one meter of one account of the supplier in hand. */
public record MeterRef(String account, String meter) {
}
