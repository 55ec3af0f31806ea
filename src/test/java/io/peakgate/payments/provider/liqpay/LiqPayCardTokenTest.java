package io.peakgate.payments.provider.liqpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.FakeLiqPay;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.peakgate.support.ProviderCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.peakgate.support.Api.writeAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A card saved through LiqPay is LiqPay's own card_token, bound once LiqPay's signed callback
 * confirms the first payment; a repeat payment is LiqPay's paytoken call with it. No card number.
 */
@QuarkusTest
class LiqPayCardTokenTest {

    @Inject
    AgroalDataSource ds;

    private static JsonNode checkoutData(String actionUrl) throws Exception {
        String query = URI.create(actionUrl).getRawQuery();
        String data = URLDecoder.decode(query.substring(5, query.indexOf("&signature=")), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(Base64.getDecoder().decode(data));
    }

    @Test
    void aCardIsSavedAsLiqPaysCardTokenAndRepeatPaymentsPayWithIt() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        JsonPath first = writeAs(subscriber).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":42500,"currency":"RUB"},"provider":"liqpay",
                         "method":{"type":"card"},"saveCard":true,"subscriber":"%s"}""".formatted(account, subscriber))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("requires_action"))
                .extract().jsonPath();
        String id = first.getString("id");
        assertThat(checkoutData(first.getString("action.url")).path("recurringbytoken").asText()).isEqualTo("1");
        PaymentsApi.cards(subscriber).then().statusCode(200).body("size()", equalTo(0));

        String cardToken = "lqtok-" + UUID.randomUUID();
        ProviderCallbacks.liqpay("{\"public_key\":\"demo-liqpay-public-esplus\",\"version\":3,\"action\":\"pay\","
                + "\"status\":\"success\",\"order_id\":\"" + id + "\",\"payment_id\":" + (System.nanoTime() % 1_000_000_000L)
                + ",\"amount\":425.0,\"currency\":\"RUB\",\"card_token\":\"" + cardToken + "\",\"sender_card_mask2\":\"473118*20\","
                + "\"sender_card_type\":\"visa\",\"end_date\":" + Instant.now().toEpochMilli() + "}").then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        String card = PaymentsApi.cards(subscriber).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].first6", equalTo("473118")).body("[0].last4", equalTo("**20")).body("[0].brand", equalTo("visa"))
                .extract().path("[0].token");
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM callback_inbox WHERE notification::text LIKE ?",
                "%" + cardToken + "%")).as("LiqPay's card token is never stored in the clear").isZero();

        String repeat = writeAs(subscriber).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":15000,"currency":"RUB"},"subscriber":"%s",
                         "method":{"type":"card_token","token":"%s"}}""".formatted(account, subscriber, card))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("succeeded"))
                .body("provider", equalTo("liqpay")).extract().path("id");
        List<JsonNode> sent = FakeLiqPay.sent(repeat);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().path("action").asText()).isEqualTo("paytoken");
        assertThat(sent.getFirst().path("card_token").asText()).isEqualTo(cardToken);
        assertThat(sent.getFirst().path("amount").asDouble()).isEqualTo(150.0);
    }
}
