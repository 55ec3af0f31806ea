package io.peakgate.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.agroal.api.AgroalDataSource;
import io.peakgate.client.api.AccountsApi;
import io.peakgate.client.api.AccountsApi.APIGetBalanceRequest;
import io.peakgate.client.api.AccountsApi.APIGetStatementRequest;
import io.peakgate.client.api.AccountsApi.APIListOperationsRequest;
import io.peakgate.client.api.AccountsApi.APIVerifyAccountRequest;
import io.peakgate.client.api.CardsApi;
import io.peakgate.client.api.CardsApi.APICreateCardTokenRequest;
import io.peakgate.client.api.CardsApi.APIListSavedCardsRequest;
import io.peakgate.client.api.CardsApi.APIRemoveSavedCardRequest;
import io.peakgate.client.api.CardsApi.APIRevokeAllSavedCardsRequest;
import io.peakgate.client.api.PaymentsApi;
import io.peakgate.client.api.PaymentsApi.APICreatePaymentRequest;
import io.peakgate.client.api.PaymentsApi.APIGetPaymentRequest;
import io.peakgate.client.api.PaymentsApi.APIRefundPaymentRequest;
import io.peakgate.client.api.ReadingsApi;
import io.peakgate.client.api.ReadingsApi.APISubmitReadingBatchRequest;
import io.peakgate.client.api.ReadingsApi.APISubmitReadingRequest;
import io.peakgate.client.api.SandboxProviderApi;
import io.peakgate.client.api.SandboxProviderApi.APIAnswerSandboxChallengeRequest;
import io.peakgate.client.invoker.ApiClient;
import io.peakgate.client.invoker.ApiException;
import io.peakgate.client.model.BatchItemRequest;
import io.peakgate.client.model.BatchRequest;
import io.peakgate.client.model.CardRequest;
import io.peakgate.client.model.MethodRequest;
import io.peakgate.client.model.MoneyRequest;
import io.peakgate.client.model.PaymentRequest;
import io.peakgate.client.model.PaymentStatus;
import io.peakgate.client.model.PaymentView;
import io.peakgate.client.model.Problem;
import io.peakgate.client.model.ReadingRequest;
import io.peakgate.client.model.RefundRequest;
import io.peakgate.client.model.RegisterValueRequest;
import io.peakgate.client.model.VerifyRequest;
import io.peakgate.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The README's flows driven only through the Java client that the build generated from the running gateway's
 * /q/openapi (target/openapi/openapi.json, profile generated-client in pom.xml): every call is a generated API
 * method, every answer a generated model read through its typed getters. Test data (fresh accounts) comes from the
 * suite's fixtures. The client's JSON mapper refuses unknown properties, so a field the gateway returns but the
 * document does not declare fails here.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final String PORTAL_KEY = "demo-portal-key";
    private static final String VISA = "4111 1111 1111 1111";

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    AgroalDataSource ds;

    private ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        client.updateBaseUri(gateway.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        client.setObjectMapper(client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        return client;
    }

    private ApiClient portal() {
        return client(PORTAL_KEY);
    }

    @Test
    void aReadingIsCheckedSubmittedReplayedAndItsKeyIsNotReused() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-1", 5, 250, Map.of("T1", 12000L));
        ReadingsApi readings = new ReadingsApi(portal());

        var check = readings.submitReadingWithHttpInfo(reading(account, 12345).dryRun(true).build());
        assertThat(check.getStatusCode()).isEqualTo(200);
        assertThat(check.getData().getDryRun()).isTrue();
        assertThat(check.getData().getRegisters()).singleElement().satisfies(line -> {
            assertThat(line.getPrevious()).isEqualTo(12000L);
            assertThat(line.getCurrent()).isEqualTo(12345L);
            assertThat(line.getConsumption()).isEqualTo(345L);
        });
        assertThat(check.getData().getEstimatedCharge().getCurrency()).isEqualTo("RUB");
        assertThat(check.getData().getEstimatedCharge().getValue()).isPositive();

        String key = UUID.randomUUID().toString();
        var accepted = readings.submitReadingWithHttpInfo(reading(account, 12345).idempotencyKey(key).build());
        assertThat(accepted.getStatusCode()).isEqualTo(201);
        var reading = accepted.getData();
        assertThat(reading.getId()).isNotNull();
        assertThat(reading.getAccount()).isEqualTo(account);
        assertThat(reading.getDryRun()).isFalse();
        assertThat(String.valueOf(reading.getStatus())).isEqualTo("accepted");
        assertThat(reading.getPeriod()).matches("\\d{4}-\\d{2}");
        assertThat(reading.getRegisters()).singleElement().satisfies(line -> {
            assertThat(line.getConsumption()).isEqualTo(345L);
            assertThat(line.getRollover()).isFalse();
        });
        assertThat(reading.getEstimatedCharge().getValue()).isEqualTo(check.getData().getEstimatedCharge().getValue());

        var replay = readings.submitReadingWithHttpInfo(reading(account, 12345).idempotencyKey(key).build());
        assertThat(replay.getStatusCode()).isEqualTo(201);
        assertThat(replay.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        assertThat(replay.getData().getId()).isEqualTo(reading.getId());
        assertThat(accepted.getHeaders()).doesNotContainKey("Idempotent-Replayed");

        Problem reused = problem(422, () -> readings.submitReading(reading(account, 12400).idempotencyKey(key).build()));
        assertThat(String.valueOf(reused.getCode())).isEqualTo("idempotency.key_reused");
        var after = readings.submitReading(reading(account, 12400).dryRun(true).build());
        assertThat(after.getRegisters().getFirst().getPrevious()).as("the first result stands").isEqualTo(12345L);
    }

    @Test
    void aBatchAnswersEveryItemInOrder() throws Exception {
        String twoRate = Fixtures.esplusAccount(ds, "E-2", 5, 250, Map.of("T1", 20000L, "T2", 8000L));
        String single = Fixtures.esplusAccount(ds, "E-3", 1000);
        BatchRequest batch = new BatchRequest()
                .addReadingsItem(new BatchItemRequest().account(twoRate).meter("E-2")
                        .addValuesItem(value("T1", 20100)).addValuesItem(value("T2", 8040)))
                .addReadingsItem(new BatchItemRequest().account(single).meter("E-3").addValuesItem(value("T1", 1100)))
                .addReadingsItem(new BatchItemRequest().account(single).meter("E-3").addValuesItem(value("T1", 900)));

        var answer = new ReadingsApi(portal()).submitReadingBatchWithHttpInfo(APISubmitReadingBatchRequest.newBuilder()
                .supplier("esplus").batchRequest(batch).idempotencyKey(UUID.randomUUID().toString()).build());
        assertThat(answer.getStatusCode()).isEqualTo(200);
        var results = answer.getData();
        assertThat(results.getAccepted()).isEqualTo(2);
        assertThat(results.getRejected()).isEqualTo(1);
        assertThat(results.getResults()).hasSize(3);
        var first = results.getResults().get(0);
        assertThat(first.getIndex()).isZero();
        assertThat(first.getReading().getRegisters()).extracting(line -> line.getRegister(), line -> line.getConsumption())
                .containsExactly(Tuple.tuple("T1", 100L), Tuple.tuple("T2", 40L));
        assertThat(results.getResults().get(1).getReading().getRegisters().getFirst().getCurrent()).isEqualTo(1100L);
        var refused = results.getResults().get(2);
        assertThat(refused.getReading()).isNull();
        assertThat(String.valueOf(refused.getProblem().getCode())).isEqualTo("reading.below_previous");
    }

    @Test
    void aCardPaymentPassesTheChallengeIsPartlyRefundedAndShowsInBalanceOperationsAndStatement() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        ApiClient portal = portal();
        PaymentsApi payments = new PaymentsApi(portal);

        var created = payments.createPaymentWithHttpInfo(APICreatePaymentRequest.newBuilder()
                .paymentRequest(cardPayment(account, 42500, VISA).subscriber("user-1"))
                .idempotencyKey(UUID.randomUUID().toString()).build());
        assertThat(created.getStatusCode()).isEqualTo(201);
        var payment = created.getData();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(payment.getCard().getBrand()).isEqualTo("visa");
        assertThat(payment.getCard().getFirst6()).isEqualTo("411111");
        assertThat(payment.getCard().getLast4()).isEqualTo("1111");
        assertThat(payment.getAmount().getValue()).isEqualTo(42500L);

        passChallenge(portal, payment.getAction().getUrl());
        UUID id = payment.getId();
        var succeeded = awaitStatus(payments, id, PaymentStatus.SUCCEEDED);
        assertThat(succeeded.getAction()).isNull();

        var refund = payments.refundPaymentWithHttpInfo(APIRefundPaymentRequest.newBuilder().id(id)
                .refundRequest(new RefundRequest().amount(rub(10000))).idempotencyKey(UUID.randomUUID().toString()).build());
        assertThat(refund.getStatusCode()).isEqualTo(201);
        assertThat(String.valueOf(refund.getData().getStatus())).isEqualTo("succeeded");
        assertThat(refund.getData().getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(refund.getData().getRefundedTotal().getValue()).isEqualTo(10000L);
        var refunded = payments.getPayment(APIGetPaymentRequest.newBuilder().id(id).build());
        assertThat(refunded.getStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(refunded.getRefunded().getValue()).isEqualTo(10000L);

        AccountsApi accounts = new AccountsApi(portal);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var balance = accounts.getBalance(APIGetBalanceRequest.newBuilder().supplier("esplus").account(account).build());
            assertThat(balance.getAccount()).isEqualTo(account);
            assertThat(balance.getDebt().getCurrency()).isEqualTo("RUB");
            // A billing on the same broker (a demo gateway's simulator) may already have sent a snapshot counting them.
            long billed = balance.getBilling() == null ? 0 : balance.getBilling().getDebt().getValue();
            assertThat(balance.getDebt().getValue()).isEqualTo(billed + balance.getSinceSnapshot().getValue());
            if (balance.getBilling() == null) {
                assertThat(balance.getDebt().getValue()).as("the payment less the refund, as credit").isEqualTo(-32500L);
            }
        });

        var history = accounts.listOperations(APIListOperationsRequest.newBuilder().supplier("esplus").account(account)
                .kind(List.of("payment", "refund")).build());
        assertThat(history.getOperations()).anySatisfy(op -> {
            assertThat(op.getKind()).isEqualTo("payment");
            assertThat(op.getId()).isEqualTo(id.toString());
            assertThat(op.getAmount().getValue()).isEqualTo(42500L);
            assertThat(op.getStatus()).isEqualTo("partially_refunded");
        }).anySatisfy(op -> {
            assertThat(op.getKind()).isEqualTo("refund");
            assertThat(op.getAmount().getValue()).isEqualTo(10000L);
        });
        assertThat(history.getNextCursor()).isNull();

        ApiClient wantsPdf = portal();
        wantsPdf.setRequestInterceptor(wantsPdf.getRequestInterceptor()
                .andThen(request -> request.setHeader("Accept", "application/pdf")));
        var statement = new AccountsApi(wantsPdf).getStatement(APIGetStatementRequest.newBuilder()
                .supplier("esplus").account(account).build());
        byte[] pdf = Files.readAllBytes(statement.toPath());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aOneUseTokenPaysOnce() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        ApiClient portal = portal();
        var token = new CardsApi(portal).createCardTokenWithHttpInfo(APICreateCardTokenRequest.newBuilder()
                .cardRequest(new CardRequest().number("5555 5555 5555 4444").expMonth(1).expYear(2031).holder("A B")).build());
        assertThat(token.getStatusCode()).isEqualTo(201);
        assertThat(token.getData().getToken()).startsWith("tok_");
        assertThat(token.getData().getBrand()).isEqualTo("mastercard");
        assertThat(token.getData().getFirst6()).isEqualTo("555555");
        assertThat(token.getData().getLast4()).isEqualTo("4444");
        assertThat(token.getData().getExpiresAt()).isAfter(OffsetDateTime.now());

        PaymentsApi payments = new PaymentsApi(portal);
        PaymentRequest byToken = new PaymentRequest().supplier("esplus").account(account).amount(rub(20000))
                .method(new MethodRequest().type("card_token").token(token.getData().getToken()));
        var paid = payments.createPayment(APICreatePaymentRequest.newBuilder().paymentRequest(byToken)
                .idempotencyKey(UUID.randomUUID().toString()).build());
        assertThat(paid.getCard().getLast4()).isEqualTo("4444");
        passChallenge(portal, paid.getAction().getUrl());
        awaitStatus(payments, paid.getId(), PaymentStatus.SUCCEEDED);

        Problem used = problem(422, () -> payments.createPayment(APICreatePaymentRequest.newBuilder().paymentRequest(byToken)
                .idempotencyKey(UUID.randomUUID().toString()).build()));
        assertThat(String.valueOf(used.getCode())).isEqualTo("token.not_found");
    }

    @Test
    void aSavedCardIsListedPaysAgainAndIsRemoved() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        Map<String, String> asSubscriber = Map.of("X-Subscriber", subscriber);
        ApiClient portal = portal();
        PaymentsApi payments = new PaymentsApi(portal);
        CardsApi cards = new CardsApi(portal);

        var saving = payments.createPayment(APICreatePaymentRequest.newBuilder()
                .paymentRequest(cardPayment(account, 10000, VISA).subscriber(subscriber).saveCard(true))
                .idempotencyKey(UUID.randomUUID().toString()).build(), asSubscriber);
        APIListSavedCardsRequest list = APIListSavedCardsRequest.newBuilder().subscriber(subscriber).build();
        assertThat(cards.listSavedCards(list, asSubscriber)).as("bound only once the payment succeeds").isEmpty();
        passChallenge(portal, saving.getAction().getUrl());
        awaitStatus(payments, saving.getId(), PaymentStatus.SUCCEEDED);

        var saved = cards.listSavedCards(list, asSubscriber);
        assertThat(saved).singleElement().satisfies(card -> {
            assertThat(card.getToken()).startsWith("card_");
            assertThat(card.getBrand()).isEqualTo("visa");
            assertThat(card.getLast4()).isEqualTo("1111");
            assertThat(card.getPaymentType()).isEqualTo("utilities");
        });
        String cardToken = saved.getFirst().getToken();

        var repeat = payments.createPayment(APICreatePaymentRequest.newBuilder()
                .paymentRequest(new PaymentRequest().supplier("esplus").account(account).amount(rub(5000))
                        .subscriber(subscriber).paymentType("utilities")
                        .method(new MethodRequest().type("card_token").token(cardToken)))
                .idempotencyKey(UUID.randomUUID().toString()).build(), asSubscriber);
        assertThat(repeat.getAction()).as("a saved card pays without a challenge").isNull();
        awaitStatus(payments, repeat.getId(), PaymentStatus.SUCCEEDED);

        var removed = cards.removeSavedCardWithHttpInfo(APIRemoveSavedCardRequest.newBuilder()
                .subscriber(subscriber).token(cardToken).build(), asSubscriber);
        assertThat(removed.getStatusCode()).isEqualTo(204);
        assertThat(cards.listSavedCards(list, asSubscriber)).isEmpty();
        var revoked = cards.revokeAllSavedCards(APIRevokeAllSavedCardsRequest.newBuilder().subscriber(subscriber).build(),
                asSubscriber);
        assertThat(revoked.getRevoked()).isZero();
    }

    @Test
    void aSubscriberWithoutRegistrationVerifiesAndReadsTheBalance() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        AccountsApi accounts = new AccountsApi(portal());

        Problem wrong = problem(422, () -> accounts.verifyAccount(APIVerifyAccountRequest.newBuilder().supplier("esplus")
                .verifyRequest(new VerifyRequest().account(account).surname("Ivanov")).build()));
        assertThat(String.valueOf(wrong.getCode())).isEqualTo("verification.failed");

        var verified = accounts.verifyAccountWithHttpInfo(APIVerifyAccountRequest.newBuilder().supplier("esplus")
                .verifyRequest(new VerifyRequest().account(account).surname("Test")).build());
        assertThat(verified.getStatusCode()).isEqualTo(200);
        assertThat(verified.getData().getToken()).startsWith("vt_");
        assertThat(verified.getData().getAccount()).isEqualTo(account);
        assertThat(verified.getData().getExpiresAt()).isBetween(OffsetDateTime.now(), OffsetDateTime.now().plusMinutes(16));

        var balance = new AccountsApi(client(verified.getData().getToken()))
                .getBalance(APIGetBalanceRequest.newBuilder().supplier("esplus").account(account).build());
        assertThat(balance.getAccount()).isEqualTo(account);
        assertThat(balance.getDebt().getValue()).isZero();
    }

    private static APISubmitReadingRequest.Builder reading(String account, long value) {
        return APISubmitReadingRequest.newBuilder().supplier("esplus").account(account)
                .readingRequest(new ReadingRequest().meter("E-1").addValuesItem(value("T1", value)));
    }

    private static RegisterValueRequest value(String register, long value) {
        return new RegisterValueRequest().register(register).value(BigDecimal.valueOf(value));
    }

    private static MoneyRequest rub(long minor) {
        return new MoneyRequest().value(minor).currency("RUB");
    }

    /** A card payment as the README's shows it: the sandbox provider, with the card data. */
    private static PaymentRequest cardPayment(String account, long amount, String number) {
        return new PaymentRequest().supplier("esplus").account(account).amount(rub(amount)).paymentType("utilities")
                .method(new MethodRequest().type("card").card(new CardRequest().number(number).expMonth(12).expYear(2030)
                        .cvc("123").holder("IVAN IVANOVA")));
    }

    /** The payer answers the 3-D Secure page at action.url with the sandbox's passing code. */
    private static void passChallenge(ApiClient client, String actionUrl) throws ApiException {
        String path = URI.create(actionUrl).getPath();
        assertThat(path).startsWith("/sandbox/3ds/");
        new SandboxProviderApi(client).answerSandboxChallenge(APIAnswerSandboxChallengeRequest.newBuilder()
                .session(path.substring(path.lastIndexOf('/') + 1)).code("111111").build());
    }

    /** The payment once it has reached {@code status} (the sandbox's callback arrives asynchronously). */
    private static PaymentView awaitStatus(PaymentsApi payments, UUID id, PaymentStatus status) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> payments.getPayment(APIGetPaymentRequest.newBuilder().id(id).build()),
                        payment -> payment.getStatus() == status);
    }

    /** The call fails with {@code status}; its problem+json body read into the generated Problem model. */
    private Problem problem(int status, Executable call) throws IOException {
        ApiException e = assertThrows(ApiException.class, call);
        assertThat(e.getCode()).isEqualTo(status);
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return portal().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
