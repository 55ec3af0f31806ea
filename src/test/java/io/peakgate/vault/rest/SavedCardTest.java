package io.peakgate.vault.rest;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.peakgate.support.PaymentsApi.cards;
import static io.peakgate.support.PaymentsApi.saveBody;
import static io.peakgate.support.PaymentsApi.saveCard;
import static io.peakgate.support.PaymentsApi.tokenBody;
import static io.peakgate.support.Api.writeAs;
import static io.peakgate.support.Api.portalAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Saved cards and every binding rule, with the real PostgreSQL and Redis. */
@QuarkusTest
class SavedCardTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    @Test
    void aCardIsSavedOnlyWhenItsPaymentSucceedsAndThenPaysWithoutAChallenge() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String token = saveCard(account, subscriber, "4111111111111111", "utilities");
        assertThat(token).startsWith("card_");
        cards(subscriber).then().body("size()", equalTo(1)).body("[0].brand", equalTo("visa"))
                .body("[0].first6", equalTo("411111")).body("[0].last4", equalTo("1111"))
                .body("[0].paymentType", equalTo("utilities"));
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, token, "utilities"))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("succeeded"))
                .body("card.last4", equalTo("1111"));
        // saving the same card again does not make a second binding
        saveCardAgain(account, subscriber);
        cards(subscriber).then().body("size()", equalTo(1));
        // a failed payment binds nothing
        JsonPath declined = writeAs(subscriber).body(saveBody(account, subscriber, "4000000000000002", "utilities"))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.answerChallenge(declined.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(declined.getString("id"), "failed");
        cards(subscriber).then().body("size()", equalTo(1));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM bound_card WHERE subscriber = ?", subscriber)).isEqualTo(1);
    }

    private void saveCardAgain(String account, String subscriber) {
        JsonPath again = writeAs(subscriber).body(saveBody(account, subscriber, "4111111111111111", "utilities"))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.answerChallenge(again.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(again.getString("id"), "succeeded");
    }

    @Test
    void theBindingRulesHold() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String token = saveCard(account, subscriber, "5555555555554444", "utilities");
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, token, "tv"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.payment_type_mismatch"));
        String kyiv = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3);
        writeAs(subscriber).body(tokenBody("kyivenergo", kyiv, "UAH", subscriber, token, "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.new_supplier"));
        String someoneElse = writeAs("sub-other").body(tokenBody("esplus", account, "RUB", "sub-other", token, "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"))
                .extract().path("detail");
        String nobody = writeAs("sub-other").body(tokenBody("esplus", account, "RUB", "sub-other", "card_doesnotexist", "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"))
                .extract().path("detail");
        assertThat(someoneElse).isEqualTo(nobody);
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, token, "utilities").replace(",\"subscriber\":\"" + subscriber + "\"", ""))
                .when().post("/v1/payments").then().statusCode(400).body("errors[0].field", equalTo("subscriber"));
    }

    @Test
    void aSavedCardSurvivesARedisFlush() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String token = saveCard(account, subscriber, "2200000000000004", "utilities");
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, token, "utilities"))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("succeeded"));
        redis.flushall();
        cards(subscriber).then().body("size()", equalTo(1));
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, token, "utilities"))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("succeeded"));
    }

    @Test
    void cardsCanBeRemovedOneByOneOrAllAtOnce() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String first = saveCard(account, subscriber, "4111111111111111", "utilities");
        saveCard(account, subscriber, "5555555555554444", "utilities");
        saveCard(account, subscriber, "2200000000000004", "utilities");
        cards(subscriber).then().body("size()", equalTo(3));
        portalAs(subscriber).when().delete("/v1/subscribers/" + subscriber + "/cards/" + first).then().statusCode(204);
        portalAs(subscriber).when().delete("/v1/subscribers/" + subscriber + "/cards/" + first).then().statusCode(404)
                .body("code", equalTo("card.not_found"));
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, first, "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"));
        portalAs(subscriber).when().post("/v1/subscribers/" + subscriber + "/cards/revoke-all").then().statusCode(200)
                .body("revoked", equalTo(2));
        cards(subscriber).then().body("size()", equalTo(0));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM bound_card WHERE subscriber = ?", subscriber)).isZero();
    }
}
