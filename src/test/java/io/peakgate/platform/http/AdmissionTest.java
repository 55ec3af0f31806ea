package io.peakgate.platform.http;

import com.netflix.concurrency.limits.Limiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The adaptive limit with a clock the test moves: the lanes' shares, the outcomes, and how latency moves the limit. */
class AdmissionTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1));

    private static HttpConfig.Shedding shedding(int initial, int min, double callbacks) {
        return new HttpConfig.Shedding() {
            public int initialLimit() { return initial; }
            public int minLimit() { return min; }
            public double callbacksShare() { return callbacks; }
            public double rttTolerance() { return 1.5; }
            public Duration retryAfter() { return Duration.ofSeconds(1); }
        };
    }

    private Admission admission(int initial, int min, int cap) {
        return new Admission(shedding(initial, min, 0.25), cap, now::get);
    }

    private static List<Limiter.Listener> fill(Admission admission, Admission.Lane lane) {
        List<Limiter.Listener> held = new ArrayList<>();
        for (Optional<Limiter.Listener> token = admission.acquire(lane); token.isPresent(); token = admission.acquire(lane)) {
            held.add(token.get());
        }
        return held;
    }

    @Test
    void atTheLimitOnlyCallbacksAreAdmittedUpToTheirShare() {
        Admission admission = admission(8, 8, 8);
        List<Limiter.Listener> api = fill(admission, Admission.Lane.API);
        assertThat(api).hasSize(8);
        assertThat(admission.acquire(Admission.Lane.API)).isEmpty();
        // the reserved share: 25% of 8 callbacks still get in while the API holds the whole limit
        List<Limiter.Listener> callbacks = fill(admission, Admission.Lane.CALLBACKS);
        assertThat(callbacks).hasSize(2);
        assertThat(admission.inFlight()).isEqualTo(10);
        api.getFirst().onSuccess();
        // one API token back, and the API is still over its own share (7 of 6): nothing for it yet
        assertThat(admission.acquire(Admission.Lane.API)).isEmpty();
        callbacks.forEach(Limiter.Listener::onSuccess);
        api.subList(1, 3).forEach(Limiter.Listener::onIgnore);
        assertThat(admission.acquire(Admission.Lane.API)).isPresent();
    }

    @Test
    void belowTheLimitCallbacksMayUseTheWholeOfIt() {
        Admission admission = admission(8, 8, 8);
        assertThat(fill(admission, Admission.Lane.CALLBACKS)).hasSize(8);
        // the API's share is still its own
        assertThat(fill(admission, Admission.Lane.API)).hasSize(6);
    }

    @Test
    void theLimitGrowsWhileLatencyHoldsAndShrinksWhenRequestsQueue() {
        Admission admission = admission(20, 12, 100);
        for (int i = 0; i < 120; i++) {
            round(admission, Duration.ofMillis(5));
        }
        int grown = admission.limit();
        assertThat(grown).isGreaterThan(20).isLessThanOrEqualTo(100);
        // latency ten times its long-run level: the requests are queueing, the limit comes down
        for (int i = 0; i < 20; i++) {
            round(admission, Duration.ofMillis(50));
        }
        assertThat(admission.limit()).isLessThan(grown / 2).isGreaterThanOrEqualTo(12);
    }

    @Test
    void theLimitNeverPassesTheHardCapNorTheFloor() {
        Admission admission = admission(500, 1000, 32);
        assertThat(admission.limit()).isEqualTo(32);
        for (int i = 0; i < 50; i++) {
            round(admission, Duration.ofMillis(2));
        }
        assertThat(admission.limit()).isEqualTo(32);
        assertThat(fill(admission, Admission.Lane.API)).hasSize(32);
    }

    @Test
    void faultsAndVanishedClientsTeachTheLimitNothing() {
        assertThat(Admission.outcome(true, 201, true)).isEqualTo(Admission.Outcome.ANSWERED);
        assertThat(Admission.outcome(true, 422, true)).isEqualTo(Admission.Outcome.ANSWERED);
        assertThat(Admission.outcome(true, 503, true)).isEqualTo(Admission.Outcome.OVERLOADED);
        assertThat(Admission.outcome(true, 504, true)).isEqualTo(Admission.Outcome.OVERLOADED);
        assertThat(Admission.outcome(true, 500, true)).isEqualTo(Admission.Outcome.NOT_A_SAMPLE);
        assertThat(Admission.outcome(false, 200, true)).isEqualTo(Admission.Outcome.NOT_A_SAMPLE);
        assertThat(Admission.outcome(true, 201, false)).isEqualTo(Admission.Outcome.NOT_A_SAMPLE);
        // and ignored samples leave the limit where it was, however slow they were
        Admission admission = admission(20, 12, 100);
        for (int i = 0; i < 30; i++) {
            List<Limiter.Listener> held = fill(admission, Admission.Lane.API);
            now.addAndGet(TimeUnit.SECONDS.toNanos(5));
            held.forEach(t -> Admission.release(t, Admission.Outcome.NOT_A_SAMPLE));
        }
        assertThat(admission.limit()).isEqualTo(20);
        assertThat(admission.inFlight()).isZero();
    }

    /** As many API requests as admitted, all taking {@code rtt}, then a pause longer than a window. */
    private void round(Admission admission, Duration rtt) {
        List<Limiter.Listener> held = fill(admission, Admission.Lane.API);
        now.addAndGet(rtt.toNanos());
        held.forEach(t -> Admission.release(t, Admission.Outcome.ANSWERED));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
    }
}
