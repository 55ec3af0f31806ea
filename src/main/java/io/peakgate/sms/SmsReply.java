package io.peakgate.sms;

import io.peakgate.platform.logging.CardNumberMask;

/**
 * What the aggregator sends back to the subscriber's phone. Anything card-number-shaped the
 * subscriber typed (a card number sent by mistake) is masked, whichever reply would echo it.
 */
public record SmsReply(String reply) {

    public SmsReply {
        reply = CardNumberMask.mask(reply);
    }
}
