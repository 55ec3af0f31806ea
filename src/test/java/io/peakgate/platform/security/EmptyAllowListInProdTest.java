package io.peakgate.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.peakgate.support.ProdProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In the prod profile a partner configured without its addresses can call from nowhere. */
@QuarkusTest
@TestProfile(EmptyAllowListInProdTest.Prod.class)
class EmptyAllowListInProdTest {

    public static class Prod extends ProdProfile {
        @Override
        protected Map<String, String> more() {
            return Map.of(
                    "peakgate.agents.unlisted-agent.secret", "unlisted-agent-secret",
                    "peakgate.agents.unlisted-agent.suppliers", "ntvplus",
                    "peakgate.agents.listed-agent.secret", "listed-agent-secret",
                    "peakgate.agents.listed-agent.suppliers", "ntvplus",
                    "peakgate.agents.listed-agent.allowed-addresses", "127.0.0.0/8,::1/128");
        }
    }

    private static String check(String agent) {
        return RestAssured.given().auth().preemptive().basic(agent, agent + "-secret")
                .when().get("/v1/agents/" + agent + "/pay?command=check&txn_id=5&account=2256884759")
                .then().statusCode(200).contentType("application/xml").extract().asString();
    }

    @Test
    void anAgentWithoutAllowedAddressesIsRefusedAndARangeLetsTheOtherIn() {
        assertThat(check("unlisted-agent")).contains("<result>8</result>");
        assertThat(check("listed-agent")).doesNotContain("<result>8</result>");
    }
}
