package io.peakgate.platform.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis or Kafka away is a degraded mode, never unreadiness: the check stays UP and says which is down, and the
 * gauge says 0. The dependencies are made unreachable for the check alone (clients to a closed port), never by
 * stopping the shared services; the shared Redis and Kafka are only probed (PING, the cluster's description).
 */
class DegradedModesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static Vertx vertx;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    @Test
    void unreachableRedisAndKafkaAreReportedDownWhileReadinessStaysUp() {
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + closedPort);
        try (Admin kafka = DependencyProbing.kafkaAdmin(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort,
                "value.serializer", "ignored.by.the.admin"), TIMEOUT)) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            DependencyProbes probes = new DependencyProbes(checks(redis, kafka), TIMEOUT, metrics);
            probes.refresh().await().atMost(Duration.ofSeconds(10));

            HealthCheckResponse response = new DegradedModes(probes, () -> 42).call().await().atMost(Duration.ofSeconds(1));
            assertThat(response.getName()).isEqualTo("degraded-modes");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                    .containsEntry("redis", "down").containsEntry("kafka", "down").containsEntry("outboxBacklog", 42L));
            assertThat(metrics.get("peakgate.dependency.up").tag("dependency", "redis").gauge().value()).isZero();
            assertThat(metrics.get("peakgate.dependency.up").tag("dependency", "kafka").gauge().value()).isZero();
        } finally {
            redis.close();
        }
    }

    @Test
    void reachableRedisAndKafkaAreReportedUp() {
        Assumptions.assumeTrue(listening(9092), "the shared Kafka is not running on 127.0.0.1:9092");
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        try (Admin kafka = DependencyProbing.kafkaAdmin(Map.of("bootstrap.servers", "127.0.0.1:9092"), TIMEOUT)) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            DependencyProbes probes = new DependencyProbes(checks(redis, kafka), TIMEOUT, metrics);
            assertThat(probes.states()).as("down until a probe answers").containsEntry("redis", "down");
            probes.refresh().await().atMost(Duration.ofSeconds(10));

            HealthCheckResponse response = new DegradedModes(probes, () -> 0).call().await().atMost(Duration.ofSeconds(1));
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                    .containsEntry("redis", "up").containsEntry("kafka", "up").containsEntry("outboxBacklog", 0L));
            assertThat(metrics.get("peakgate.dependency.up").tag("dependency", "redis").gauge().value()).isEqualTo(1.0);
            assertThat(metrics.get("peakgate.dependency.up").tag("dependency", "kafka").gauge().value()).isEqualTo(1.0);
        } finally {
            redis.close();
        }
    }

    @Test
    void reachableRedisIsReportedUpWhateverKafkaDoes() {
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        try {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Map<String, Supplier<Uni<Void>>> checks = new LinkedHashMap<>();
            checks.put("redis", () -> redis.send(Request.cmd(Command.PING)).replaceWithVoid());
            checks.put("kafka", () -> Uni.createFrom().failure(new IllegalStateException("away")));
            DependencyProbes probes = new DependencyProbes(checks, TIMEOUT, metrics);
            probes.refresh().await().atMost(Duration.ofSeconds(10));
            assertThat(new DegradedModes(probes, () -> 7).response().getData()).hasValueSatisfying(data -> assertThat(data)
                    .containsEntry("redis", "up").containsEntry("kafka", "down").containsEntry("outboxBacklog", 7L));
            assertThat(metrics.get("peakgate.dependency.up").tag("dependency", "redis").gauge().value()).isEqualTo(1.0);
        } finally {
            redis.close();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aProbeThatNeverAnswersCountsAsDownAfterTheTimeout() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Map<String, Supplier<Uni<Void>>> checks = Map.of("redis", () -> Uni.createFrom().nothing());
        DependencyProbes probes = new DependencyProbes(checks, Duration.ofMillis(100), metrics);
        probes.refresh().await().atMost(Duration.ofSeconds(5));
        assertThat(probes.states()).containsEntry("redis", "down");
    }

    private static Map<String, Supplier<Uni<Void>>> checks(Redis redis, Admin kafka) {
        Map<String, Supplier<Uni<Void>>> checks = new LinkedHashMap<>();
        checks.put("redis", () -> redis.send(Request.cmd(Command.PING)).replaceWithVoid());
        checks.put("kafka", () -> DependencyProbing.describe(kafka, TIMEOUT));
        return checks;
    }
}
