package io.peakgate.reliability;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.MutableClock;
import io.peakgate.support.Services;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static io.peakgate.support.Api.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Redis down: readings keep working with PostgreSQL as the idempotency guard, what truly needs
 * Redis (card tokens) fails fast with 503 and Retry-After, and when Redis is back the gateway uses
 * it again without a restart.
 */
@QuarkusTest
class RedisOutageTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    @Inject
    MutableClock clock;

    @BeforeEach
    void insideTheWindow() {
        clock.set(ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZoneId.of("Europe/Moscow")));
    }

    @AfterEach
    void realTimeAndRedisBack() {
        clock.reset();
        Services.up("redis");
    }

    @Test
    void readingsKeepWorkingAndTheGatewayReconnects() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String key = UUID.randomUUID().toString();
        Services.crashRedis();
        try {
            long started = System.nanoTime();
            String first = portal().header("Idempotency-Key", key).body(reading("E-9", "T1", 1100))
                    .when().post(readingsPath("esplus", account)).then().statusCode(201).extract().asString();
            portal().header("Idempotency-Key", key).body(reading("E-9", "T1", 1100))
                    .when().post(readingsPath("esplus", account)).then().statusCode(201)
                    .header("Idempotent-Replayed", "true").body(equalTo(first));
            portal().header("Idempotency-Key", key).body(reading("E-9", "T1", 1200))
                    .when().post(readingsPath("esplus", account)).then().statusCode(422)
                    .body("code", equalTo("idempotency.key_reused"));
            assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
            write().body("{\"number\":\"4111111111111111\",\"expMonth\":1,\"expYear\":2031}")
                    .when().post("/v1/tokens").then().statusCode(503).header("Retry-After", "1")
                    .body("code", equalTo("service.unavailable"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            Services.up("redis");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                write().body("{\"number\":\"4111111111111111\",\"expMonth\":1,\"expYear\":2031}")
                        .when().post("/v1/tokens").then().statusCode(201));
        String again = UUID.randomUUID().toString();
        portal().header("Idempotency-Key", again).body(reading("E-9", "T1", 1300))
                .when().post(readingsPath("esplus", account)).then().statusCode(201);
        assertThat(redis.key().exists("idem:demo-portal:" + again)).isTrue();
    }
}
