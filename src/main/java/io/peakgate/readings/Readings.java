package io.peakgate.readings;

import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.readings.service.ReadingService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The readings domain's front door for other domains' channels (an SMS with a reading). */
@ApplicationScoped
public class Readings {

    @Inject
    ReadingService readings;

    /** The account's only meter when it has exactly one, single-register meter (what an SMS can address), else null. */
    public Uni<SingleRegisterMeter> singleRegisterMeter(String supplier, String account) {
        return readings.singleRegisterMeter(supplier, account);
    }

    /** Evaluates and stores one reading with its billing event and the caller's idempotency record. */
    public Uni<ReadingResponse> submit(String clientId, String supplier, ReadingSubmission submission,
                                       IdempotencyGuard guard) {
        return readings.submit(clientId, supplier, submission, guard);
    }
}
