package io.peakgate.payments.provider.collected;

import io.peakgate.payments.Collected;
import jakarta.enterprise.context.ApplicationScoped;

/** Payments by SMS to a short number, charged to the phone account by the operator via the aggregator. */
@ApplicationScoped
public class SmsCollector extends CollectedProvider {

    public static final String NAME = Collected.SMS;

    @Override
    public String name() {
        return NAME;
    }
}
