package io.peakgate.sms;

/** What the aggregator sends back to the subscriber's phone. */
public record SmsReply(String reply) {
}
