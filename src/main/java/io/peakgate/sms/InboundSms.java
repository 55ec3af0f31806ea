package io.peakgate.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** A message as an SMS aggregator forwards it. */
public record InboundSms(
        @NotBlank @Size(max = 128) String messageId,
        @NotBlank @Size(max = 32) String from,
        @NotBlank @Size(max = 16) String to,
        @NotNull @Size(max = 1000) String text,
        OffsetDateTime receivedAt) {
}
