package io.peakgate.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.LongSupplier;

/**
 * Readiness depends on PostgreSQL only (the datasource's own check): without Redis readings fall back on
 * PostgreSQL's guard, without Kafka events wait in the outbox. This check is always UP and says which of those
 * degraded modes the instance is in: {@code {"redis": "up|down", "kafka": "up|down", "outboxBacklog": N}}, from
 * the values {@link DependencyProbing} keeps (it never waits on a dependency itself).
 */
@Readiness
@Singleton
public class DegradedModes implements AsyncHealthCheck {

    public static final String NAME = "degraded-modes";
    static final String OUTBOX_BACKLOG = "peakgate.outbox.backlog";

    private final DependencyProbes probes;
    private final LongSupplier outboxBacklog;

    /** The outbox backlog as its gauge shows it (billing measures it every 5 s; platform knows no domain). */
    @Inject
    DegradedModes(DependencyProbing probing, MeterRegistry metrics) {
        this(probing.probes(), () -> {
            Gauge backlog = metrics.find(OUTBOX_BACKLOG).gauge();
            return backlog == null ? 0 : (long) backlog.value();
        });
    }

    DegradedModes(DependencyProbes probes, LongSupplier outboxBacklog) {
        this.probes = probes;
        this.outboxBacklog = outboxBacklog;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::response);
    }

    HealthCheckResponse response() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up();
        probes.states().forEach(builder::withData);
        return builder.withData("outboxBacklog", outboxBacklog.getAsLong()).build();
    }
}
