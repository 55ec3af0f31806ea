package io.peakgate.payments.provider.tbank;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.peakgate.support.FakeTBank;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.peakgate.support.ProviderCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.peakgate.support.Api.write;
import static io.peakgate.support.Api.writeAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Providers that host their own card form never receive card data from the gateway, and the gateway
 * never asks for it: a checkout starts with {"type":"card"} alone; a card is saved as the provider's
 * own recurring token once the provider confirms the first payment, and repeat payments charge it.
 */
@QuarkusTest
class HostedCheckoutTest {

    private static final String PAN = "4111111111111111";

    @Inject
    AgroalDataSource ds;

    @Test
    void cardDataIsRefusedForEveryHostedProviderAndACheckoutNeedsNone() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        for (String provider : List.of("liqpay", "tbank", "yoomoney")) {
            write().body(PaymentsApi.cardBody("esplus", account, 10000, "RUB", PAN, provider))
                    .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.card_data_refused"))
                    .body("errors[0].field", equalTo("method.card"));
        }
        String tokenised = write().body("{\"number\":\"" + PAN + "\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")
                .when().post("/v1/tokens").then().statusCode(201).extract().path("token");
        write().body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":10000,"currency":"RUB"},"provider":"tbank",
                         "method":{"type":"card_token","token":"%s"}}""".formatted(account, tokenised))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.card_data_refused"));
        // the sandbox takes card data, so it still needs it
        write().body(PaymentsApi.hostedCardBody("esplus", account, 10000, "RUB", "sandbox"))
                .when().post("/v1/payments").then().statusCode(400).body("errors[0].field", equalTo("method.card"));

        JsonPath started = write().body(PaymentsApi.hostedCardBody("esplus", account, 10000, "RUB", "tbank"))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("requires_action"))
                .body("card", nullValue()).extract().jsonPath();
        assertThat(started.getString("action.url")).startsWith("https://securepay.example/new/");
        JsonNode init = FakeTBank.sent("Init", "OrderId", started.getString("id")).getFirst();
        assertThat(init.toString()).doesNotContain(PAN).doesNotContain("411111");
        assertThat(init.has("Recurrent")).isFalse();
        // nothing the gateway sent any provider in this test held the card number
        assertThat(FakeTBank.requests()).noneMatch(r -> r.getValue().toString().contains(PAN));
    }

    /** A card saved through T-Bank by a first payment it confirms: {token, rebillId}. */
    private static String[] saveAtTBank(String account, String subscriber) {
        JsonPath first = writeAs(subscriber).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":42500,"currency":"RUB"},"provider":"tbank",
                         "method":{"type":"card"},"saveCard":true,"subscriber":"%s"}""".formatted(account, subscriber))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("requires_action"))
                .extract().jsonPath();
        String id = first.getString("id");
        JsonNode init = FakeTBank.sent("Init", "OrderId", id).getFirst();
        assertThat(init.path("Recurrent").asText()).isEqualTo("Y");
        assertThat(init.path("CustomerKey").asText()).isEqualTo("demo-portal:" + subscriber);
        // nothing is bound before T-Bank confirms
        PaymentsApi.cards(subscriber).then().statusCode(200).body("size()", equalTo(0));

        String rebillId = "14570" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
        Map<String, Object> confirmed = ProviderCallbacks.tbankFields("DemoTerminalEsplus", id, "CONFIRMED",
                Long.parseLong(first.getString("providerReference")));
        confirmed.put("Amount", 42500);
        confirmed.put("RebillId", rebillId);
        confirmed.put("Pan", "430000******0777");
        confirmed.put("ExpDate", "1130");
        ProviderCallbacks.tbank(confirmed).then().statusCode(200);
        PaymentsApi.awaitStatus(id, "succeeded");
        String card = PaymentsApi.cards(subscriber).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].last4", equalTo("0777")).body("[0].first6", equalTo("430000"))
                .extract().path("[0].token");
        return new String[]{card, rebillId};
    }

    @Test
    void aCardIsSavedAsTBanksRebillIdAfterItConfirmsAndRepeatPaymentsChargeIt() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String[] saved = saveAtTBank(account, subscriber);
        String card = saved[0];
        String rebillId = saved[1];
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM callback_inbox WHERE notification::text LIKE ?",
                "%" + rebillId + "%")).as("the RebillId is never stored in the clear").isZero();

        // a repeat payment: Init, then Charge with the RebillId, succeeded at once, no payer present
        String repeat = writeAs(subscriber).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":15000,"currency":"RUB"},"subscriber":"%s",
                         "method":{"type":"card_token","token":"%s"}}""".formatted(account, subscriber, card))
                .when().post("/v1/payments").then().statusCode(201).body("status", equalTo("succeeded"))
                .body("provider", equalTo("tbank")).body("card.last4", equalTo("0777")).extract().path("id");
        JsonNode repeatInit = FakeTBank.sent("Init", "OrderId", repeat).getFirst();
        assertThat(repeatInit.has("Recurrent")).isFalse();
        List<JsonNode> charges = FakeTBank.sent("Charge", "PaymentId", PaymentsApi.get(repeat).getString("providerReference"));
        assertThat(charges).hasSize(1);
        assertThat(charges.getFirst().path("RebillId").asText()).isEqualTo(rebillId);
        // the card kept by T-Bank pays only through T-Bank
        writeAs(subscriber).body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":15000,"currency":"RUB"},"subscriber":"%s",
                         "provider":"sandbox","method":{"type":"card_token","token":"%s"}}""".formatted(account, subscriber, card))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("payment.method_unsupported"));
    }

    @Test
    void autopayChargesACardTBankKeepsThroughCharge() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "sub-" + UUID.randomUUID();
        String[] saved = saveAtTBank(account, subscriber);
        io.peakgate.support.Api.portalAs(subscriber).body("""
                        {"subscriber":"%s","cardToken":"%s","limit":{"value":50000,"currency":"RUB"}}""".formatted(subscriber, saved[0]))
                .when().put("/v1/suppliers/esplus/accounts/" + account + "/autopay").then().statusCode(200);
        String billId = "bill-" + UUID.randomUUID();
        io.peakgate.support.KafkaTopic.send(io.peakgate.billing.Topics.BILLS, "esplus:" + account, """
                {"billId":"%s","supplier":"esplus","account":"%s","amountDue":{"value":31000,"currency":"RUB"},"dueDate":"2026-12-10"}"""
                .formatted(billId, account));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "succeeded".equals(
                io.peakgate.support.Api.portalAs(subscriber).when().get("/v1/suppliers/esplus/accounts/" + account + "/autopay")
                        .then().extract().path("charges.find { it.billId == '%s' }.status".formatted(billId))));
        String paymentId = io.peakgate.support.Api.portalAs(subscriber).when()
                .get("/v1/suppliers/esplus/accounts/" + account + "/autopay").then().extract()
                .path("charges.find { it.billId == '%s' }.paymentId".formatted(billId));
        PaymentsApi.get(paymentId);
        assertThat(PaymentsApi.get(paymentId).getString("provider")).isEqualTo("tbank");
        List<JsonNode> charges = FakeTBank.sent("Charge", "PaymentId", PaymentsApi.get(paymentId).getString("providerReference"));
        assertThat(charges).hasSize(1);
        assertThat(charges.getFirst().path("RebillId").asText()).isEqualTo(saved[1]);
    }
}
