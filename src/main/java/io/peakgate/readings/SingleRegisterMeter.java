package io.peakgate.readings;

/** An account's only meter, with its only register: what a channel that cannot name a meter (SMS) addresses. */
public record SingleRegisterMeter(String meter, String register) {
}
