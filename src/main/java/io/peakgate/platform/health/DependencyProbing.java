package io.peakgate.platform.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.async.Poller;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Probes Redis (PING) and Kafka (the cluster's description, by an admin client of the gateway's own Kafka
 * settings) every {@code peakgate.health.probe-interval} (5 s) on a Vert.x timer, each answer awaited at most
 * {@code peakgate.health.probe-timeout} (2 s), and keeps the results in {@link DependencyProbes}. With
 * {@code peakgate.health.probes-enabled=false} nothing is probed (both stay "down" in the check and the gauges).
 */
@Startup
@ApplicationScoped
public class DependencyProbing {

    @Inject
    Vertx vertx;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry metrics;

    @Inject
    HealthConfig config;

    private Duration timeout;

    private DependencyProbes probes;
    private Poller poller;
    private volatile Admin admin;

    @PostConstruct
    void start() {
        timeout = config.probeTimeout();
        Map<String, Supplier<Uni<Void>>> checks = new LinkedHashMap<>();
        checks.put("redis", () -> redis.execute("PING").replaceWithVoid());
        checks.put("kafka", this::describeKafka);
        probes = new DependencyProbes(checks, timeout, metrics);
        if (config.probesEnabled()) {
            probes.refresh().subscribe().with(ignored -> { });
            poller = Poller.every(vertx, config.probeInterval(), probes::refresh);
        }
    }

    DependencyProbes probes() {
        return probes;
    }

    private Uni<Void> describeKafka() {
        Uni<Admin> client = admin != null ? Uni.createFrom().item(admin)
                // creating the client resolves the bootstrap addresses: not on an event loop
                : Uni.createFrom().item(this::admin).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return client.chain(a -> describe(a, timeout));
    }

    /** Kafka's answer to a request for the cluster's id, awaited without blocking (on the admin client's thread). */
    static Uni<Void> describe(Admin admin, Duration timeout) {
        return Uni.createFrom().completionStage(() -> admin.describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId().toCompletionStage())
                .replaceWithVoid();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = kafkaAdmin(kafkaConfig, timeout);
        }
        return admin;
    }

    /** An admin client of these Kafka settings (those an admin client knows), quick to give up on an absent broker. */
    static Admin kafkaAdmin(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "peakgate-health-" + java.util.UUID.randomUUID());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return Admin.create(config);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.stop();
        }
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ZERO);
        }
    }
}
