package io.peakgate.review.service;

import io.peakgate.payments.Payments;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.time.Clocks;
import io.peakgate.readings.Readings;
import io.peakgate.review.rest.ActivityView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The console's peak chart: readings and payments per minute, each domain counting its own. */
@ApplicationScoped
public class ActivityService {

    @Inject
    Readings readings;

    @Inject
    Payments payments;

    @Inject
    Clock clock;

    public Uni<ActivityView> perMinute(Caller caller, int minutes) {
        OffsetDateTime to = Clocks.now(clock).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime from = to.minusMinutes(minutes - 1L);
        return Uni.combine().all().unis(readings.perMinute(caller.suppliers(), from),
                payments.perMinute(caller.suppliers(), from)).asTuple().map(counts -> {
            Map<Instant, Long> read = byInstant(counts.getItem1());
            Map<Instant, Long> paid = byInstant(counts.getItem2());
            List<ActivityView.Minute> list = new ArrayList<>(minutes);
            for (OffsetDateTime m = from; !m.isAfter(to); m = m.plusMinutes(1)) {
                list.add(new ActivityView.Minute(m, read.getOrDefault(m.toInstant(), 0L),
                        paid.getOrDefault(m.toInstant(), 0L)));
            }
            return new ActivityView(from, to, list);
        });
    }

    /** The database answers in its session's zone: minutes are matched by instant, not by offset. */
    private static Map<Instant, Long> byInstant(Map<OffsetDateTime, Long> counts) {
        Map<Instant, Long> out = new HashMap<>();
        counts.forEach((minute, n) -> out.merge(minute.toInstant(), n, Long::sum));
        return out;
    }
}
