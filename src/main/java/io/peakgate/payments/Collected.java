package io.peakgate.payments;

/**
 * A payment a collector has already taken: who collected it ({@code collector} is the provider,
 * {@code sms} or {@code agent}), for which account, how much, and the collector's own reference.
 */
public record Collected(String clientId, String collector, String supplier, String account, long amount,
                        String reference, String subscriber) {

    /** The collector of payment agents and terminal networks (the check/pay protocol). */
    public static final String AGENT = "agent";

    /** The collector of SMS aggregators (the operator bills the phone). */
    public static final String SMS = "sms";
}
