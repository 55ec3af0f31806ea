package io.peakgate.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

/** Requests as the demo portal sends them. */
public final class Api {

    public static final String DEMO_KEY = "demo-portal-key";

    private Api() {
    }

    public static RequestSpecification portal() {
        return RestAssured.given().header("Authorization", "Bearer " + DEMO_KEY).contentType(ContentType.JSON);
    }

    /** The portal acting for the subscriber it authenticated (subscriber-scoped operations need it). */
    public static RequestSpecification portalAs(String subscriber) {
        return portal().header("X-Subscriber", subscriber);
    }

    /** A portal write for the subscriber it authenticated, with a fresh Idempotency-Key. */
    public static RequestSpecification writeAs(String subscriber) {
        return write().header("X-Subscriber", subscriber);
    }

    /** A portal write with a fresh Idempotency-Key. */
    public static RequestSpecification write() {
        return portal().header("Idempotency-Key", UUID.randomUUID().toString());
    }

    public static String reading(String meter, String register, Object value) {
        return "{\"meter\":\"" + meter + "\",\"values\":[{\"register\":\"" + register + "\",\"value\":" + value + "}]}";
    }

    public static String readingsPath(String supplier, String account) {
        return "/v1/suppliers/" + supplier + "/accounts/" + account + "/readings";
    }
}
