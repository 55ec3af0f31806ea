package io.peakgate.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last known state of the dependencies the gateway works without (Redis, Kafka): each is probed by a
 * non-blocking check with a timeout, on a timer ({@link DependencyProbing}), and what it answered is kept here for
 * the {@code degraded-modes} health check and the {@code peakgate_dependency_up{dependency}} gauges (1 up, 0 down).
 * Nothing reads a dependency while answering a probe or a scrape: both read these cached values.
 */
public final class DependencyProbes {

    private final Map<String, Supplier<Uni<Void>>> probes;
    private final Duration timeout;
    /** Until its first probe answers, a dependency counts as down. */
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();

    public DependencyProbes(Map<String, Supplier<Uni<Void>>> probes, Duration timeout, MeterRegistry metrics) {
        this.probes = new LinkedHashMap<>(probes);
        this.timeout = timeout;
        for (String dependency : this.probes.keySet()) {
            up.put(dependency, false);
            Gauge.builder("peakgate.dependency.up", up, u -> u.getOrDefault(dependency, false) ? 1 : 0)
                    .tag("dependency", dependency)
                    .description("Whether the last probe of a dependency the gateway can work without answered (1) or not (0)")
                    .register(metrics);
        }
    }

    /** Probes every dependency at once; completes when each answered, failed or timed out (never fails). */
    public Uni<Void> refresh() {
        List<Uni<Void>> all = probes.entrySet().stream().map(e -> probe(e.getKey(), e.getValue())).toList();
        return Uni.join().all(all).andCollectFailures().replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Void> probe(String dependency, Supplier<Uni<Void>> check) {
        return Uni.createFrom().<Void>deferred(check::get)
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transform((ignored, failure) -> {
                    up.put(dependency, failure == null);
                    return null;
                });
    }

    public boolean up(String dependency) {
        return up.getOrDefault(dependency, false);
    }

    /** Each dependency's last state, "up" or "down", in the order they were given. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        probes.keySet().forEach(d -> states.put(d, up(d) ? "up" : "down"));
        return states;
    }
}
