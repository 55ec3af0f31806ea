package io.peakgate.readings.mapping;

import io.peakgate.readings.service.ReadingOutcome;
import io.peakgate.platform.error.Problem;
import io.peakgate.platform.money.Money;
import io.peakgate.readings.rest.BatchItemRequest;
import io.peakgate.readings.rest.BatchResponse;
import io.peakgate.readings.rest.ReadingRequest;
import io.peakgate.readings.ReadingResponse;
import io.peakgate.readings.service.AcceptedReading;
import io.peakgate.readings.service.Evaluation;
import io.peakgate.readings.service.ItemOutcome;
import io.peakgate.readings.ReadingSubmission;
import io.peakgate.readings.SubmittedValue;

import java.util.ArrayList;
import java.util.List;

/** Conversions between the readings API types and the domain. */
public final class ReadingMapper {

    private static final String DEFAULT_SOURCE = "portal";

    private ReadingMapper() {
    }

    public static ReadingSubmission toSubmission(String account, ReadingRequest request) {
        return new ReadingSubmission(account, request.meter(), values(request.values()),
                request.source() == null ? DEFAULT_SOURCE : request.source(),
                Boolean.TRUE.equals(request.confirmImplausible()));
    }

    public static ReadingSubmission toSubmission(BatchItemRequest item) {
        return new ReadingSubmission(item.account(), item.meter(), values(item.values()),
                item.source() == null ? DEFAULT_SOURCE : item.source(),
                Boolean.TRUE.equals(item.confirmImplausible()));
    }

    private static List<SubmittedValue> values(List<io.peakgate.readings.rest.RegisterValueRequest> values) {
        return values.stream().map(v -> new SubmittedValue(v.register(), v.value())).toList();
    }

    public static ReadingResponse accepted(AcceptedReading reading, String currency) {
        Evaluation e = reading.evaluation();
        return new ReadingResponse(reading.id(), reading.supplier(), reading.meter().account(), reading.meter().meter(),
                reading.meter().service(), e.period().toString(), (e.needsReview() ? ReadingOutcome.NEEDS_REVIEW : ReadingOutcome.ACCEPTED).wire(),
                e.late(), false, reading.submittedAt(), e.lines(), charge(e, currency), e.warnings());
    }

    public static ReadingResponse checked(String supplier, AcceptedReading candidate, String currency) {
        Evaluation e = candidate.evaluation();
        return new ReadingResponse(null, supplier, candidate.meter().account(), candidate.meter().meter(),
                candidate.meter().service(), e.period().toString(), (e.needsReview() ? ReadingOutcome.NEEDS_REVIEW : ReadingOutcome.ACCEPTED).wire(),
                e.late(), true, candidate.submittedAt(), e.lines(), charge(e, currency), e.warnings());
    }

    /**
     * One result per item, in order. A refused item's problem has the batch request's {@code instance}
     * with the item's place in the request as fragment ({@code #/readings/3}, a JSON pointer).
     */
    public static BatchResponse batch(List<ReadingSubmission> submissions, List<ItemOutcome> outcomes, String currency,
                                      String instance) {
        List<BatchResponse.Item> items = new ArrayList<>(outcomes.size());
        int accepted = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            ReadingSubmission s = submissions.get(i);
            switch (outcomes.get(i)) {
                case ItemOutcome.Accepted a -> {
                    accepted++;
                    items.add(new BatchResponse.Item(i, s.account(), s.meter(), ReadingOutcome.ACCEPTED.wire(),
                            accepted(a.reading(), currency), null));
                }
                case ItemOutcome.Rejected r -> {
                    Problem problem = r.problem().toProblem(instance + "#/readings/" + i);
                    items.add(new BatchResponse.Item(i, s.account(), s.meter(), ReadingOutcome.REJECTED.wire(), null, problem));
                }
            }
        }
        return new BatchResponse(accepted, outcomes.size() - accepted, items);
    }

    private static Money charge(Evaluation e, String currency) {
        return e.estimatedCharge() == null ? null : new Money(e.estimatedCharge(), currency);
    }
}
