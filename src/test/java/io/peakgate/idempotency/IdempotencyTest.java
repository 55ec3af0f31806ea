package io.peakgate.idempotency;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** SPEC section 3 idempotency: replay, reuse, in flight, concurrency and a Redis flush, with the real services. */
@QuarkusTest
class IdempotencyTest {

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
    void realTime() {
        clock.reset();
    }

    private static Response submit(String key, String account, String body) {
        return portal().header("Idempotency-Key", key).body(body).when().post(readingsPath("esplus", account));
    }

    @Test
    void theSameKeyAndRequestReplayTheFirstResponse() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        Response first = submit(key, account, reading("E-9", "T1", 12100));
        first.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        Response again = submit(key, account, reading("E-9", "T1", 12100));
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
        assertThat(redis.key().exists("idem:demo-portal:" + key)).isTrue();
        assertThat(redis.key().ttl("idem:demo-portal:" + key)).isGreaterThan(24 * 3600L);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndTheFirstStands() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        String firstBody = submit(key, account, reading("E-9", "T1", 12100)).then().statusCode(201).extract().asString();
        submit(key, account, reading("E-9", "T1", 12200))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency.key_reused"));
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12100L);
        assertThat(submit(key, account, reading("E-9", "T1", 12100)).then().statusCode(201).extract().asString())
                .isEqualTo(firstBody);
    }

    @Test
    void aRejectedRequestReleasesItsKey() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String key = UUID.randomUUID().toString();
        submit(key, account, reading("E-9", "T1", 9000)).then().statusCode(422).body("code", equalTo("reading.implausible"));
        submit(key, account, "{\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":9000}],\"confirmImplausible\":true}")
                .then().statusCode(201);
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightGets409() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        String body = reading("E-9", "T1", 12100);
        // Hold the meter's register row so the first request stays in flight inside its transaction.
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("""
                        SELECT 1 FROM meter_register r JOIN meter m ON m.id = r.meter_id JOIN account a ON a.id = m.account_id
                        WHERE a.number = '%s' FOR UPDATE""".formatted(account));
            }
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> submit(key, account, body));
            await().atMost(10, TimeUnit.SECONDS).until(() -> redis.key().exists("idem:demo-portal:" + key));
            // the caller is told when to retry the same request (its page says so)
            submit(key, account, body).then().statusCode(409).header("Retry-After", "1")
                    .body("code", equalTo("idempotency.in_progress"));
            holder.rollback();
            first.get(10, TimeUnit.SECONDS).then().statusCode(201);
        }
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyHaveOneEffectAndOneEvent() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        String body = reading("E-9", "T1", 12100);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return submit(key, account, body);
            }, pool));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> call : calls) {
            responses.add(call.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        long fresh = responses.stream().filter(r -> r.statusCode() == 201 && r.header("Idempotent-Replayed") == null).count();
        long replayed = responses.stream().filter(r -> r.statusCode() == 201 && "true".equals(r.header("Idempotent-Replayed"))).count();
        long inFlight = responses.stream().filter(r -> r.statusCode() == 409).count();
        assertThat(fresh).isEqualTo(1);
        assertThat(fresh + replayed + inFlight).isEqualTo(20);
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
        assertThat(KafkaTopic.withKey(Topics.READINGS, Topics.key("esplus", account), 1)).hasSize(1);
    }

    @Test
    void aRedisFlushBetweenRequestAndRetryDoesNotDuplicate() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        String firstBody = submit(key, account, reading("E-9", "T1", 12100)).then().statusCode(201).extract().asString();
        redis.flushall();
        Response retry = submit(key, account, reading("E-9", "T1", 12100));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.body().asString()).isEqualTo(firstBody);
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
        // the replay put the key back on the fast path
        assertThat(redis.key().exists("idem:demo-portal:" + key)).isTrue();
        redis.flushall();
        submit(key, account, reading("E-9", "T1", 12300)).then().statusCode(422).body("code", equalTo("idempotency.key_reused"));
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12100L);
    }

    @Test
    void keysAreScopedPerClient() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        Fixtures.apiClient(ds, "second-portal", "second-portal-key", "esplus", "readings:write");
        submit(key, account, reading("E-9", "T1", 12100)).then().statusCode(201);
        io.restassured.RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer second-portal-key").header("Idempotency-Key", key)
                .body(reading("E-9", "T1", 12200)).when().post(readingsPath("esplus", account))
                .then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(2);
    }

    @Test
    void aBatchIsIdempotentToo() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        String key = UUID.randomUUID().toString();
        String body = "{\"readings\":[{\"account\":\"" + account + "\",\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":12100}]}]}";
        String first = portal().header("Idempotency-Key", key).body(body).when().post("/v1/suppliers/esplus/readings/batch")
                .then().statusCode(200).extract().asString();
        portal().header("Idempotency-Key", key).body(body).when().post("/v1/suppliers/esplus/readings/batch")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
    }
}
