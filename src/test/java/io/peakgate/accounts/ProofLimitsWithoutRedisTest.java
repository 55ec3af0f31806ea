package io.peakgate.accounts;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.peakgate.support.Api.portal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Without Redis the proof budgets cannot be counted, and an uncounted attempt is an unlimited one:
 * verification and linking refuse (503, Retry-After) rather than let guesses through. The gateway here
 * is pointed at a port nothing listens on; the shared Redis is not touched.
 */
@QuarkusTest
@TestProfile(ProofLimitsWithoutRedisTest.DeadRedis.class)
class ProofLimitsWithoutRedisTest {

    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void verificationAndLinkingFailClosed() {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        // a wrong guess: were it counted as nothing, the 422 would tell the guesser to try the next name
        portal().body("{\"account\":\"" + account + "\",\"surname\":\"Wrong\"}")
                .when().post("/v1/suppliers/esplus/verify").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("code", equalTo("service.unavailable"));
        String subscriber = "sub-" + UUID.randomUUID();
        portal().header("X-Subscriber", subscriber)
                .body("{\"supplier\":\"esplus\",\"account\":\"" + account + "\",\"surname\":\"Test\"}")
                .when().post("/v1/subscribers/" + subscriber + "/accounts").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("code", equalTo("service.unavailable"));
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM subscriber_account WHERE subscriber = ?", subscriber)).isZero();
    }
}
