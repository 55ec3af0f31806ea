package io.peakgate.sms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.logging.CardNumberMask;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the aggregator sends back to the subscriber's phone. Anything card-number-shaped the
 * subscriber typed (a card number sent by mistake) is masked, whichever reply would echo it.
 * A message the gateway refused also names the refusal's stable {@code code}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SmsReply(@Schema(description = "The text to send back to the subscriber") String reply,
                       @Schema(description = "Only when the message was refused: the problem code (see /problems)")
                       String code) {

    public SmsReply {
        reply = CardNumberMask.mask(reply);
    }

    public SmsReply(String reply) {
        this(reply, null);
    }
}
