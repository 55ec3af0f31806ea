package io.peakgate.readings.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.support.Fixtures;
import io.peakgate.support.MutableClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.reading;
import static io.peakgate.support.Api.readingsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit of single reading submissions, against the real PostgreSQL, Redis and Kafka. The
 * test makes the groups it asserts on: it holds the lane's every group in progress (each waits
 * for a meter register the test has locked), queues the items one by one (waiting until each is
 * queued, so their order is known), then lets go: the items are written as one group.
 */
@QuarkusTest
class ReadingGroupCommitTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String CLIENT = "demo-portal";

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @Inject
    ReadingService service;

    @Inject
    GroupConfig config;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void insideTheEsplusWindow() {
        clock.set(ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, MOSCOW));
    }

    @AfterEach
    void realTime() throws InterruptedException {
        clock.reset();
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void oneGroupAnswersEachItemItsOwn() throws Exception {
        String replayed = Fixtures.esplusAccount(ds, "E-9", 12000);
        String reused = Fixtures.esplusAccount(ds, "E-9", 12000);
        String invalid = Fixtures.esplusAccount(ds, "E-9", 12000);
        String accepted = Fixtures.esplusAccount(ds, "E-9", 12000);
        String replayKey = UUID.randomUUID().toString();
        String reusedKey = UUID.randomUUID().toString();
        Response first = submit(replayKey, replayed, 12100);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(submit(reusedKey, reused, 12100).statusCode()).isEqualTo(201);
        // Redis forgets both keys (a flush): the group's claim in PostgreSQL alone must tell them apart
        redis.key().del("idem:" + CLIENT + ":" + replayKey, "idem:" + CLIENT + ":" + reusedKey);
        String invalidKey = UUID.randomUUID().toString();
        String acceptedKey = UUID.randomUUID().toString();

        List<Response> answers = inOneGroup(List.of(
                () -> submit(invalidKey, invalid, 11000),
                () -> submit(replayKey, replayed, 12100),
                () -> submit(reusedKey, reused, 12900),
                () -> submit(acceptedKey, accepted, 12200)));

        assertThat(answers.get(0).statusCode()).isEqualTo(422);
        assertThat(answers.get(0).jsonPath().getString("code")).isEqualTo("reading.below_previous");
        assertThat(answers.get(1).statusCode()).isEqualTo(201);
        assertThat(answers.get(1).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(answers.get(1).jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(answers.get(2).statusCode()).isEqualTo(422);
        assertThat(answers.get(2).jsonPath().getString("code")).isEqualTo("idempotency.key_reused");
        assertThat(answers.get(3).statusCode()).isEqualTo(201);
        assertThat(answers.get(3).jsonPath().getInt("registers[0].previous")).isEqualTo(12000);
        assertThat(answers.get(3).jsonPath().getInt("registers[0].current")).isEqualTo(12200);

        // what the callers observe in the rows: only the accepted item wrote, the replay and the reuse moved nothing
        assertThat(Fixtures.readings(ds, "esplus", accepted)).isEqualTo(1);
        assertThat(Fixtures.lastValue(ds, "esplus", accepted, "T1")).isEqualTo(12200L);
        assertThat(outboxEvents(accepted)).isEqualTo(1);
        assertThat(Fixtures.readings(ds, "esplus", replayed)).isEqualTo(1);
        assertThat(Fixtures.readings(ds, "esplus", reused)).isEqualTo(1);
        assertThat(Fixtures.lastValue(ds, "esplus", reused, "T1")).isEqualTo(12100L);
        assertThat(Fixtures.readings(ds, "esplus", invalid)).isZero();
        assertThat(Fixtures.lastValue(ds, "esplus", invalid, "T1")).isEqualTo(12000L);
        assertThat(outboxEvents(invalid)).isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE client_id = ? AND idem_key = ? AND status = 201",
                CLIENT, acceptedKey)).isEqualTo(1);
        // the refused item gave its key back: corrected, the same key is accepted
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE client_id = ? AND idem_key = ?",
                CLIENT, invalidKey)).isZero();
        assertThat(submit(invalidKey, invalid, 12050).statusCode()).isEqualTo(201);
    }

    @Test
    void itemsOfOneMeterInOneGroupSeeEachOtherInArrivalOrder() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        List<Response> answers = inOneGroup(List.of(
                () -> submit(UUID.randomUUID().toString(), account, 12100),
                () -> submit(UUID.randomUUID().toString(), account, 12050),
                () -> submit(UUID.randomUUID().toString(), account, 12300)));

        assertThat(answers.get(0).statusCode()).isEqualTo(201);
        assertThat(answers.get(1).statusCode()).isEqualTo(422);
        assertThat(answers.get(1).jsonPath().getString("code")).isEqualTo("reading.below_previous");
        assertThat(answers.get(2).statusCode()).isEqualTo(201);
        assertThat(answers.get(2).jsonPath().getInt("registers[0].previous")).isEqualTo(12100);
        assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(2);
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12300L);
        assertThat(outboxEvents(account)).isEqualTo(2);
    }

    @Test
    void aGroupThatFailsBeforeItsCommitLeavesNoneAndAfterItAll() throws Exception {
        String one = Fixtures.esplusAccount(ds, "E-9", 12000);
        String two = Fixtures.esplusAccount(ds, "E-9", 12000);
        String poisoned = Fixtures.esplusAccount(ds, "E-9", 12000);
        // the group's last statement before its commit fails for one of its items (what a crash there would do)
        Fixtures.execute(ds, """
                CREATE OR REPLACE FUNCTION test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$""");
        Fixtures.execute(ds, "CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW "
                + "WHEN (NEW.kafka_key = 'esplus:" + poisoned + "') EXECUTE FUNCTION test_refuse_outbox()");
        List<String> keys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        List<Response> failed;
        try {
            failed = inOneGroup(List.of(
                    () -> submit(keys.get(0), one, 12100),
                    () -> submit(keys.get(1), two, 12200),
                    () -> submit(keys.get(2), poisoned, 12300)));
        } finally {
            Fixtures.execute(ds, "DROP TRIGGER IF EXISTS test_refuse_outbox ON outbox");
        }
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
        for (String account : List.of(one, two, poisoned)) {
            assertThat(Fixtures.readings(ds, "esplus", account)).isZero();
            assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(12000L);
            assertThat(outboxEvents(account)).isZero();
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM idempotency_record WHERE client_id = ? AND idem_key = ANY(?)",
                CLIENT, keys.toArray(String[]::new))).isZero();

        // the same requests again (their keys were given back): one group, committed, all of them
        List<Response> retried = inOneGroup(List.of(
                () -> submit(keys.get(0), one, 12100),
                () -> submit(keys.get(1), two, 12200),
                () -> submit(keys.get(2), poisoned, 12300)));
        assertThat(retried).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(Fixtures.lastValue(ds, "esplus", one, "T1")).isEqualTo(12100L);
        assertThat(Fixtures.lastValue(ds, "esplus", two, "T1")).isEqualTo(12200L);
        assertThat(Fixtures.lastValue(ds, "esplus", poisoned, "T1")).isEqualTo(12300L);
        for (String account : List.of(one, two, poisoned)) {
            assertThat(Fixtures.readings(ds, "esplus", account)).isEqualTo(1);
            assertThat(outboxEvents(account)).isEqualTo(1);
        }
    }

    @Test
    void aLoneSubmissionIsWrittenAtOnceInAGroupOfItsOwn() {
        String account = Fixtures.esplusAccount(ds, "E-9", 12000);
        DistributionSummary sizes = sizes();
        long groups = sizes.count();
        double items = sizes.totalAmount();
        assertThat(submit(UUID.randomUUID().toString(), account, 12100).statusCode()).isEqualTo(201);
        assertThat(sizes.count()).isEqualTo(groups + 1);
        assertThat(sizes.totalAmount()).isEqualTo(items + 1);
    }

    /**
     * Runs the submissions as one group: every group slot of the lane is held by a submission
     * waiting for a register this test has locked; the submissions queue one by one; then the
     * lock is let go. Returns their answers in the given order.
     */
    private List<Response> inOneGroup(List<java.util.function.Supplier<Response>> submissions) throws Exception {
        int slots = config.maxConcurrent();
        List<String> blockers = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            blockers.add(Fixtures.esplusAccount(ds, "E-9", 12000));
        }
        DistributionSummary sizes = sizes();
        long groupsBefore = sizes.count();
        double itemsBefore = sizes.totalAmount();
        List<CompletableFuture<Response>> held = new ArrayList<>();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try (Connection lock = ds.getConnection()) {
            lock.setAutoCommit(false);
            try (var st = lock.prepareStatement("""
                    SELECT 1 FROM meter_register r JOIN meter m ON m.id = r.meter_id JOIN account a ON a.id = m.account_id
                    WHERE a.supplier = 'esplus' AND a.number = ANY(?) FOR UPDATE OF r""")) {
                st.setArray(1, lock.createArrayOf("text", blockers.toArray()));
                st.executeQuery().close();
            }
            assertThat(service.groupCommit().running()).isZero();
            for (int i = 0; i < slots; i++) {
                String blocker = blockers.get(i);
                held.add(CompletableFuture.supplyAsync(() -> submit(UUID.randomUUID().toString(), blocker, 12001),
                        callers));
                int running = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> service.groupCommit().running() == running
                        && service.groupCommit().queued() == 0);
            }
            for (int i = 0; i < submissions.size(); i++) {
                answers.add(CompletableFuture.supplyAsync(submissions.get(i), callers));
                int queued = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> service.groupCommit().queued() == queued);
            }
            lock.rollback();
        }
        for (CompletableFuture<Response> h : held) {
            assertThat(h.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        List<Response> result = new ArrayList<>();
        for (CompletableFuture<Response> a : answers) {
            result.add(a.get(30, TimeUnit.SECONDS));
        }
        // the held submissions were groups of one each; the submissions one group of them all
        assertThat(sizes.count()).isEqualTo(groupsBefore + slots + 1);
        assertThat(sizes.totalAmount()).isEqualTo(itemsBefore + slots + submissions.size());
        return result;
    }

    private DistributionSummary sizes() {
        return metrics.get("peakgate.group.commit.size").tag("name", "readings").summary();
    }

    private long outboxEvents(String account) {
        return Fixtures.count(ds, "SELECT count(*) FROM outbox WHERE kafka_key = ?", "esplus:" + account);
    }

    private static Response submit(String key, String account, long value) {
        return portal().header("Idempotency-Key", key).body(reading("E-9", "T1", value))
                .when().post(readingsPath("esplus", account))
                .then().extract().response();
    }
}
