package io.peakgate.support;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Provider callbacks signed as the providers sign them (written from their published schemes,
 * independently of the gateway's code), with the demo credentials of the test profile.
 */
public final class ProviderCallbacks {

    public static final String TBANK_PASSWORD = "demo-tbank-password";
    public static final String YOOMONEY_SECRET = "demo-yoomoney-secret";
    public static final String LIQPAY_PRIVATE_KEY = "demo-liqpay-private-key";

    private ProviderCallbacks() {
    }

    /** A T-Bank notification for the esplus terminal: the fields in order, then its Token. */
    public static Response tbank(Map<String, Object> fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> sorted.put(k, String.valueOf(v)));
        sorted.put("Password", TBANK_PASSWORD);
        String token = hex(digest("SHA-256", String.join("", sorted.values())));
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append('"').append(k).append("\":")
                .append(v instanceof String ? "\"" + v + "\"" : v).append(','));
        json.append("\"Token\":\"").append(token).append("\"}");
        return RestAssured.given().contentType("application/json").body(json.toString()).when().post("/v1/callbacks/tbank");
    }

    /** T-Bank fields for a payment of {@code terminal}; add Amount as the case needs. */
    public static Map<String, Object> tbankFields(String terminal, String paymentId, String status, long providerPaymentId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TerminalKey", terminal);
        fields.put("OrderId", paymentId);
        fields.put("Success", true);
        fields.put("Status", status);
        fields.put("PaymentId", providerPaymentId);
        fields.put("ErrorCode", "0");
        return fields;
    }

    /** A YooMoney HTTP notification with its sha1_hash over the signed fields. */
    public static Response yoomoney(Map<String, String> form) {
        String line = String.join("&", form.getOrDefault("notification_type", ""), form.getOrDefault("operation_id", ""),
                form.getOrDefault("amount", ""), form.getOrDefault("currency", ""), form.getOrDefault("datetime", ""),
                form.getOrDefault("sender", ""), form.getOrDefault("codepro", ""), YOOMONEY_SECRET,
                form.getOrDefault("label", ""));
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).formParam("sha1_hash", hex(digest("SHA-1", line)))
                .when().post("/v1/callbacks/yoomoney");
    }

    /** A LiqPay server callback: base64 of the JSON, signed base64(sha1(key + data + key)). */
    public static Response liqpay(String json) {
        String data = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(digest("SHA-1", LIQPAY_PRIVATE_KEY + data + LIQPAY_PRIVATE_KEY));
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("data", data).formParam("signature", signature).when().post("/v1/callbacks/liqpay");
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
