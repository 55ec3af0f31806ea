package io.peakgate.readings.service;

import io.peakgate.readings.RegisterLine;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The data of {@code io.peakgate.reading.accepted.v1} on {@code billing.readings.v1}. */
public record ReadingAcceptedEvent(UUID readingId, String supplier, String account, String meter, String service,
                                   String period, boolean late, boolean needsReview, String source,
                                   OffsetDateTime submittedAt, List<RegisterLine> registers, Money estimatedCharge) {

    public static final String TYPE = "io.peakgate.reading.accepted.v1";
    public static final String SOURCE = "/peakgate/readings";

    static ReadingAcceptedEvent of(AcceptedReading r, String currency) {
        Evaluation e = r.evaluation();
        return new ReadingAcceptedEvent(r.id(), r.supplier(), r.meter().account(), r.meter().meter(),
                r.meter().service(), e.period().toString(), e.late(), e.needsReview(), r.source(), r.submittedAt(),
                e.lines(), e.estimatedCharge() == null ? null : new Money(e.estimatedCharge(), currency));
    }
}
