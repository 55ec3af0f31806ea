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

    /**
     * A sample line's value: the number after the series, before any exemplar (OpenMetrics, which the scrape is
     * for a client that accepts anything, adds {@code # {trace_id="..."} 1.0 <timestamp>} to counters and buckets).
     */
    public static double value(String line) {
        int exemplar = line.indexOf(" # ");
        String sample = (exemplar < 0 ? line : line.substring(0, exemplar)).strip();
        int space = sample.lastIndexOf(' ');
        return Double.parseDouble(sample.substring(space + 1));
    }

    /** The gateway's Prometheus scrape. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
