package io.peakgate.review;

import io.agroal.api.AgroalDataSource;
import io.peakgate.billing.Topics;
import io.peakgate.sms.SmsSigning;
import io.peakgate.support.Api;
import io.peakgate.support.Fixtures;
import io.peakgate.support.KafkaTopic;
import io.peakgate.support.MutableClock;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The review desk over the real services: every source shows up, each resolution is audited and told to billing once. */
@QuarkusTest
class ReviewDeskTest {

    /** An admin of every supplier (it also sees items of no supplier) and one of kyivenergo only. */
    static final String ADMIN = "review-admin-" + UUID.randomUUID();
    static final String KYIV_ADMIN = "review-kyiv-admin-" + UUID.randomUUID();
    static final String NOT_ADMIN = "review-portal-" + UUID.randomUUID();

    @Inject
    AgroalDataSource ds;

    @Inject
    MutableClock clock;

    @BeforeEach
    void clients() {
        clock.reset();
        Fixtures.apiClient(ds, "review-test-admin", ADMIN, "esplus kyivenergo ntvplus", "admin reconciliation");
        Fixtures.apiClient(ds, "review-test-kyiv-admin", KYIV_ADMIN, "kyivenergo", "admin");
        Fixtures.apiClient(ds, "review-test-portal", NOT_ADMIN, "esplus", "readings:write payments:read");
    }

    static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** An implausible reading, confirmed: the account and the reading's id. */
    static String[] implausibleReading(AgroalDataSource ds) {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String id = Api.write().body("{\"meter\":\"E-9\",\"values\":[{\"register\":\"T1\",\"value\":9000}],\"confirmImplausible\":true}")
                .when().post(Api.readingsPath("esplus", account))
                .then().statusCode(201).body("status", equalTo("needs_review")).extract().path("id");
        return new String[]{account, id};
    }

    /** The open or resolved items of a kind for one account, as the admin sees them. */
    static List<Map<String, Object>> items(String key, String kind, String status, String account) {
        List<Map<String, Object>> all = as(key).queryParam("kind", kind).queryParam("status", status).queryParam("limit", 200)
                .when().get("/v1/admin/review").then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(i -> account.equals(i.get("account"))).toList();
    }

    static String onlyItem(String kind, String account) {
        List<Map<String, Object>> found = items(ADMIN, kind, "open", account);
        assertThat(found).hasSize(1);
        return (String) found.getFirst().get("id");
    }

    static String smsMessage(String id, String text) {
        return "{\"messageId\":\"" + id + "\",\"from\":\"+79161234567\",\"to\":\"3116\",\"text\":\"" + text
                + "\",\"receivedAt\":\"" + Instant.now() + "\"}";
    }

    static void sendSms(String body) {
        RestAssured.given().contentType("application/json; charset=UTF-8").header("X-Signature", SmsSigning.sign(body))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/v1/sms/demo-sms/inbound").then().statusCode(200);
    }

    static String ntvplusNumber() {
        return "23" + String.format("%08d", ThreadLocalRandom.current().nextLong(100_000_000L));
    }

    @Test
    void aReadingAcceptedAsImplausibleIsResolvedOnceWithWhoWhenAndWhy() {
        String account = implausibleReading(ds)[0];
        List<Map<String, Object>> open = items(ADMIN, "reading", "open", account);
        assertThat(open).hasSize(1);
        Map<String, Object> item = open.getFirst();
        assertThat(item).containsEntry("reason", "implausible").containsEntry("supplier", "esplus")
                .containsEntry("status", "open");
        assertThat((List<String>) item.get("resolutions")).containsExactly("accept", "reject");
        String id = (String) item.get("id");

        as(ADMIN).body("{\"resolution\":\"accept\",\"reason\":\"meter replaced, photo checked\",\"operator\":\"A. Petrova\"}")
                .when().post("/v1/admin/review/" + id)
                .then().statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolution.resolution", equalTo("accept"))
                .body("resolution.reason", equalTo("meter replaced, photo checked"))
                .body("resolution.resolvedBy", equalTo("review-test-admin"))
                .body("resolution.operator", equalTo("A. Petrova"));

        assertThat(items(ADMIN, "reading", "open", account)).isEmpty();
        List<Map<String, Object>> resolved = items(ADMIN, "reading", "resolved", account);
        assertThat(resolved).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> audit = (Map<String, Object>) resolved.getFirst().get("resolution");
        assertThat(audit).containsEntry("resolvedBy", "review-test-admin").containsEntry("operator", "A. Petrova")
                .containsEntry("reason", "meter replaced, photo checked").containsKey("resolvedAt");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM review_resolution WHERE item = ?", "reading:"
                + ((Map<?, ?>) resolved.getFirst().get("what")).get("readingId"))).isEqualTo(1);

        as(ADMIN).body("{\"resolution\":\"reject\",\"reason\":\"second thoughts\"}").when().post("/v1/admin/review/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("review.already_resolved"));
        assertThat(KafkaTopic.records(Topics.READINGS, r -> Topics.key("esplus", account).equals(r.key())
                && r.value().contains("io.peakgate.reading.rejected.v1"), 1, Duration.ofSeconds(3), Duration.ZERO)).isEmpty();
    }

    @Test
    void aRejectedReadingTakesTheRegisterBackAndTellsBillingOnce() {
        String[] reading = implausibleReading(ds);
        String account = reading[0];
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(9000L);
        as(ADMIN).body("{\"resolution\":\"reject\",\"reason\":\"typo: 1900 was meant\"}")
                .when().post("/v1/admin/review/" + onlyItem("reading", account))
                .then().statusCode(200).body("resolution.eventId", org.hamcrest.Matchers.notNullValue());
        assertThat(Fixtures.lastValue(ds, "esplus", account, "T1")).isEqualTo(1000L);
        List<ConsumerRecord<String, String>> rejected = KafkaTopic.records(Topics.READINGS,
                r -> Topics.key("esplus", account).equals(r.key()) && r.value().contains("io.peakgate.reading.rejected.v1"),
                1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(rejected).hasSize(1);
        JsonPath event = JsonPath.from(rejected.getFirst().value());
        assertThat(event.getString("data.readingId")).isEqualTo(reading[1]);
        assertThat(event.getString("data.reason")).isEqualTo("typo: 1900 was meant");
    }

    @Test
    void aPaymentFlaggedByACallbackIsCreditedWithWhatTheProviderTookAndBillingHearsOnce() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String paymentId = PaymentsApi.card(account, 42500, "4111111111111111").getString("id");
        PaymentsApi.sandboxCallback("{\"eventId\":\"evt-" + UUID.randomUUID() + "\",\"paymentId\":\"" + paymentId
                + "\",\"status\":\"succeeded\",\"amount\":30000,\"currency\":\"RUB\"}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !items(ADMIN, "payment", "open", account).isEmpty());
        Map<String, Object> item = items(ADMIN, "payment", "open", account).getFirst();
        assertThat(item).containsEntry("reason", "amount_mismatch").containsEntry("provider", "sandbox");
        assertThat(item.get("amount")).isEqualTo(Map.of("value", 30000, "currency", "RUB"));
        assertThat(((Map<?, ?>) item.get("what")).get("paymentId")).isEqualTo(paymentId);

        // two operators credit it at the same moment: one wins, the other is told it is resolved
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Response>> both;
        try {
            both = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> as(ADMIN)
                    .body("{\"resolution\":\"credit\",\"reason\":\"the bank confirmed 300.00 was taken\",\"operator\":\"op-"
                            + n + "\"}").when().post("/v1/admin/review/" + item.get("id")), two)).toList();
            CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).join();
        } finally {
            two.shutdown();
        }
        List<Response> answers = both.stream().map(CompletableFuture::join).toList();
        assertThat(answers.stream().map(Response::statusCode).sorted().toList()).containsExactly(200, 409);
        Response won = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertThat(won.jsonPath().getString("resolution.credited.account")).isEqualTo(account);
        assertThat(won.jsonPath().getLong("resolution.credited.amount.value")).isEqualTo(30000);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().jsonPath()
                .getString("code")).isEqualTo("review.already_resolved");

        List<ConsumerRecord<String, String>> credited = KafkaTopic.records(Topics.PAYMENTS,
                r -> Topics.key("esplus", account).equals(r.key()) && r.value().contains("io.peakgate.payment.credited.v1"),
                1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(credited).hasSize(1);
        JsonPath event = JsonPath.from(credited.getFirst().value());
        assertThat(event.getLong("data.amount.value")).isEqualTo(30000);
        assertThat(event.getString("data.paymentId")).isEqualTo(paymentId);
        assertThat(event.getString("data.reviewItem")).isEqualTo(item.get("id"));
        // the payment itself is untouched: its status moves only by the state machine
        assertThat(PaymentsApi.get(paymentId).getString("status")).isEqualTo("requires_action");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM reconciliation_item WHERE payment_id = ?::uuid AND resolved_at IS NOT NULL",
                paymentId)).isEqualTo(1);
    }

    @Test
    void anSmsPaymentForAnUnknownContractIsKeptWithItsMoneyAndCreditedToTheRightOne() {
        String mistyped = ntvplusNumber();
        String right = ntvplusNumber();
        Fixtures.account(ds, "ntvplus", right, "TV-1", "tv", 6, 0, Map.of("T1", 0L));
        String body = smsMessage(UUID.randomUUID().toString(), "ntvplus " + mistyped + " 425");
        sendSms(body);
        sendSms(body);
        List<Map<String, Object>> found = items(ADMIN, "sms", "open", mistyped);
        assertThat(found).as("a retried message is one item").hasSize(1);
        Map<String, Object> item = found.getFirst();
        assertThat(item).containsEntry("reason", "account.not_found").containsEntry("provider", "demo-sms");
        assertThat(item.get("amount")).isEqualTo(Map.of("value", 42500, "currency", "RUB"));
        assertThat(((Map<?, ?>) item.get("what")).get("from")).isEqualTo("*******4567");

        as(ADMIN).body("{\"resolution\":\"credit\",\"reason\":\"subscriber called: one digit off\"}")
                .when().post("/v1/admin/review/" + item.get("id"))
                .then().statusCode(404).body("code", equalTo("account.not_found"));
        as(ADMIN).body("{\"resolution\":\"credit\",\"reason\":\"subscriber called: one digit off\",\"account\":\"" + right + "\"}")
                .when().post("/v1/admin/review/" + item.get("id"))
                .then().statusCode(200).body("resolution.credited.account", equalTo(right))
                .body("resolution.credited.amount.value", equalTo(42500));

        List<ConsumerRecord<String, String>> credited = KafkaTopic.records(Topics.PAYMENTS,
                r -> Topics.key("ntvplus", right).equals(r.key()) && r.value().contains("io.peakgate.payment.credited.v1"),
                1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(credited).hasSize(1);
        assertThat(JsonPath.from(credited.getFirst().value()).getString("data.provider")).isEqualTo("demo-sms");
    }

    @Test
    void anotherSuppliersItemIsNotFoundAndOnlyAdminsReachTheDesk() {
        String account = implausibleReading(ds)[0];
        String id = onlyItem("reading", account);
        assertThat(items(KYIV_ADMIN, "reading", "open", account)).isEmpty();
        as(KYIV_ADMIN).body("{\"resolution\":\"accept\",\"reason\":\"mine now\"}").when().post("/v1/admin/review/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("review.not_found"));
        as(NOT_ADMIN).when().get("/v1/admin/review").then().statusCode(403).body("code", equalTo("auth.scope_missing"));
        as(NOT_ADMIN).when().get("/v1/admin/outbox").then().statusCode(403).body("code", equalTo("auth.scope_missing"));
        RestAssured.given().when().get("/v1/admin/review").then().statusCode(401);
        assertThat(items(ADMIN, "reading", "open", account)).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithItsCodeAndChangesNothing() {
        String account = implausibleReading(ds)[0];
        String id = onlyItem("reading", account);
        as(ADMIN).body("{\"resolution\":\"credit\",\"reason\":\"x\"}").when().post("/v1/admin/review/" + id)
                .then().statusCode(422).body("code", equalTo("review.resolution_invalid"))
                .body("errors.field", hasItem("resolution"));
        as(ADMIN).body("{\"resolution\":\"accept\"}").when().post("/v1/admin/review/" + id)
                .then().statusCode(400).body("code", equalTo("request.invalid"));
        as(ADMIN).body("{\"resolution\":\"accept\",\"reason\":\"x\",\"status\":\"resolved\"}").when().post("/v1/admin/review/" + id)
                .then().statusCode(400).body("code", equalTo("request.unknown_field"));
        as(ADMIN).body("{\"resolution\":\"accept\",\"reason\":\"x\"}").when().post("/v1/admin/review/not-an-id")
                .then().statusCode(404).body("code", equalTo("review.not_found"));
        as(ADMIN).body("{\"resolution\":\"accept\",\"reason\":\"x\"}").when().post("/v1/admin/review/cGF5bWVudDo5OTk5OTk5OTk")
                .then().statusCode(404).body("code", equalTo("review.not_found"));
        as(ADMIN).queryParam("kind", "fine").when().get("/v1/admin/review").then().statusCode(400)
                .body("code", equalTo("request.invalid")).body("errors.field", hasItem("kind"));
        as(ADMIN).queryParam("status", "pending").when().get("/v1/admin/review").then().statusCode(400);
        as(ADMIN).queryParam("cursor", "bm9wZQ").when().get("/v1/admin/review").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        as(ADMIN).queryParam("limit", 0).when().get("/v1/admin/review").then().statusCode(400);
        as(ADMIN).queryParam("minutes", 0).when().get("/v1/admin/activity").then().statusCode(400);
        assertThat(items(ADMIN, "reading", "open", account)).hasSize(1);
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutOverlap() {
        implausibleReading(ds);
        implausibleReading(ds);
        implausibleReading(ds);
        JsonPath first = as(ADMIN).queryParam("limit", 2).when().get("/v1/admin/review").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = as(ADMIN).queryParam("limit", 2).queryParam("cursor", cursor).when().get("/v1/admin/review")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id", String.class)).doesNotContainAnyElementsOf(first.getList("items.id", String.class));
        List<String> times = new java.util.ArrayList<>(first.getList("items.createdAt", String.class));
        times.addAll(second.getList("items.createdAt", String.class));
        assertThat(times.stream().map(Instant::parse).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void theConsoleSeesTheOutboxBacklogAndThePeakPerMinute() {
        implausibleReading(ds);
        as(ADMIN).when().get("/v1/admin/outbox").then().statusCode(200)
                .body("unsent", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        JsonPath activity = as(ADMIN).queryParam("minutes", 5).when().get("/v1/admin/activity")
                .then().statusCode(200).extract().jsonPath();
        assertThat(activity.getList("minutes")).hasSize(5);
        assertThat(activity.getLong("minutes[4].readings") + activity.getLong("minutes[3].readings")).isPositive();
        assertThat(as(KYIV_ADMIN).queryParam("minutes", 5).when().get("/v1/admin/activity").then().statusCode(200)
                .extract().jsonPath().getList("minutes.readings", Long.class)).as("esplus readings are not kyivenergo's")
                .allMatch(n -> n == 0);
    }
}
