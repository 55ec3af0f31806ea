package io.peakgate.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static io.peakgate.support.Api.portal;
import static io.peakgate.support.Api.write;
import static org.awaitility.Awaitility.await;

/** Payments as a portal and as the sandbox provider drive them, for tests. */
public final class PaymentsApi {

    public static final String SANDBOX_SECRET = "demo-sandbox-secret";

    private PaymentsApi() {
    }

    public static String cardBody(String supplier, String account, long amount, String currency, String number,
                                  String provider) {
        return """
                {"supplier":"%s","account":"%s","amount":{"value":%d,"currency":"%s"},
                 "method":{"type":"card","card":{"number":"%s","expMonth":12,"expYear":2030,"cvc":"123","holder":"IVAN IVANOV"}},
                 "paymentType":"utilities","subscriber":"sub-1"%s}"""
                .formatted(supplier, account, amount, currency, number, provider == null ? "" : ",\"provider\":\"" + provider + "\"");
    }

    /** A card payment at a provider that hosts its own card form: no card data at all. */
    public static String hostedCardBody(String supplier, String account, long amount, String currency, String provider) {
        return """
                {"supplier":"%s","account":"%s","amount":{"value":%d,"currency":"%s"},"method":{"type":"card"},
                 "paymentType":"utilities","provider":"%s"}""".formatted(supplier, account, amount, currency, provider);
    }

    public static JsonPath card(String account, long amount, String number) {
        return write().body(cardBody("esplus", account, amount, "RUB", number, null))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath wallet(String account, long amount, String wallet) {
        return write().body("""
                        {"supplier":"esplus","account":"%s","amount":{"value":%d,"currency":"RUB"},
                         "method":{"type":"wallet","provider":"%s"}}""".formatted(account, amount, wallet))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
    }

    /** Answers the sandbox's 3-D Secure page like a payer's browser would (a form post). */
    public static void answerChallenge(String actionUrl, String code) {
        RestAssured.given().redirects().follow(false).formParam("code", code)
                .when().post(actionUrl).then().statusCode(200);
    }

    public static JsonPath get(String id) {
        return portal().when().get("/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(get(id).getString("status")));
        return get(id);
    }

    /** The sandbox's callback signature: hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    public static String sandboxSignature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SANDBOX_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static io.restassured.response.Response sandboxCallback(String body) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return RestAssured.given().contentType("application/json").header("X-Sandbox-Timestamp", ts)
                .header("X-Sandbox-Signature", sandboxSignature(ts, body)).body(body)
                .when().post("/v1/callbacks/sandbox");
    }

    /** An esplus card payment that asks to save the card for {@code paymentType}. */
    public static String saveBody(String account, String subscriber, String number, String paymentType) {
        return """
                {"supplier":"esplus","account":"%s","amount":{"value":10000,"currency":"RUB"},"saveCard":true,
                 "subscriber":"%s","paymentType":"%s",
                 "method":{"type":"card","card":{"number":"%s","expMonth":12,"expYear":2030,"cvc":"123","holder":"A B"}}}"""
                .formatted(account, subscriber, paymentType, number);
    }

    /** Pays with saveCard and passes the challenge; returns the saved card's token. */
    public static String saveCard(String account, String subscriber, String number, String paymentType) {
        int before = cards(subscriber).then().statusCode(200).extract().path("size()");
        JsonPath created = write().header("X-Subscriber", subscriber).body(saveBody(account, subscriber, number, paymentType))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        cards(subscriber).then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(before)); // nothing bound before success
        answerChallenge(created.getString("action.url"), "111111");
        awaitStatus(created.getString("id"), "succeeded");
        return cards(subscriber).then().statusCode(200).extract().path("find { it.last4 == '%s' }.token"
                .formatted(number.substring(number.length() - 4)));
    }

    /** A payment with a saved card's token. */
    public static String tokenBody(String supplier, String account, String currency, String subscriber, String token,
                                   String paymentType) {
        return """
                {"supplier":"%s","account":"%s","amount":{"value":5000,"currency":"%s"},"subscriber":"%s",
                 "paymentType":"%s","method":{"type":"card_token","token":"%s"}}"""
                .formatted(supplier, account, currency, subscriber, paymentType, token);
    }

    /** The subscriber's saved cards, asked as the portal that authenticated that subscriber. */
    public static io.restassured.response.Response cards(String subscriber) {
        return portal().header("X-Subscriber", subscriber).when().get("/v1/subscribers/" + subscriber + "/cards");
    }
}
