package io.peakgate.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the gateway under test: health ({@code /q/health/*}) and metrics ({@code /q/metrics})
 * are served there, on {@code quarkus.management.test-port} (QUARKUS_MANAGEMENT_TEST_PORT), never on the public port.
 */
public final class Management {

    private Management() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The gateway's Prometheus scrape. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
