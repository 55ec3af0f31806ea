package io.peakgate.readings;

import io.peakgate.readings.service.MeterRef;
import java.util.List;

/** One reading as submitted for one meter of one account. */
public record ReadingSubmission(String account, String meter, List<SubmittedValue> values, String source,
                                boolean confirmImplausible) {

    /** The meter this reading is for. */
    public MeterRef meterRef() {
        return new MeterRef(account, meter);
    }
}
