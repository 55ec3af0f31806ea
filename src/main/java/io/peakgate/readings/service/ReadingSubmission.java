package io.peakgate.readings.service;

import java.util.List;

/** One reading as submitted for one meter of one account. */
public record ReadingSubmission(String account, String meter, List<SubmittedValue> values, String source,
                                boolean confirmImplausible) {

    MeterRef meterRef() {
        return new MeterRef(account, meter);
    }
}
