package io.peakgate.vault.rest;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.peakgate.support.PaymentsApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.peakgate.support.Api.portalAs;
import static io.peakgate.support.Api.writeAs;
import static io.peakgate.support.PaymentsApi.saveBody;
import static io.peakgate.support.PaymentsApi.saveCard;
import static io.peakgate.support.PaymentsApi.tokenBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Every saved-card operation leaves its row in card_audit (PCI DSS 10.2.1), and no row holds card data. */
@QuarkusTest
class CardAuditTest {

    private static final List<String> NUMBERS = List.of("4111111111111111", "4000000000000002", "5555555555554444",
            "2200000000000004");

    @Inject
    AgroalDataSource ds;

    @Test
    void everyOperationOnASavedCardLeavesItsRowAndNoRowHoldsCardData() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "audit-" + UUID.randomUUID();
        String other = "audit-other-" + UUID.randomUUID();
        String card = saveCard(account, subscriber, NUMBERS.get(0), "utilities");
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, card, "utilities"))
                .when().post("/v1/payments").then().statusCode(201);
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, card, "tv"))
                .when().post("/v1/payments").then().statusCode(422);
        String kyiv = Fixtures.kyivenergoAccount(ds, "H-9", "heat", 10, 3);
        writeAs(subscriber).body(tokenBody("kyivenergo", kyiv, "UAH", subscriber, card, "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("card.new_supplier"));
        writeAs(other).body(tokenBody("esplus", account, "RUB", other, card, "utilities"))
                .when().post("/v1/payments").then().statusCode(422).body("code", equalTo("token.not_found"));
        saveCard(account, subscriber, NUMBERS.get(0), "utilities"); // the same card again
        JsonPath declined = writeAs(subscriber).body(saveBody(account, subscriber, NUMBERS.get(1), "utilities"))
                .when().post("/v1/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.answerChallenge(declined.getString("action.url"), "111111");
        PaymentsApi.awaitStatus(declined.getString("id"), "failed");
        portalAs(subscriber).when().delete("/v1/subscribers/" + subscriber + "/cards/" + card).then().statusCode(204);
        portalAs(subscriber).when().delete("/v1/subscribers/" + subscriber + "/cards/" + card).then().statusCode(404);
        String second = saveCard(account, subscriber, NUMBERS.get(2), "utilities");
        String third = saveCard(account, subscriber, NUMBERS.get(3), "utilities");
        portalAs(subscriber).when().post("/v1/subscribers/" + subscriber + "/cards/revoke-all").then().statusCode(200)
                .body("revoked", equalTo(2));
        portalAs(subscriber).when().post("/v1/subscribers/" + subscriber + "/cards/revoke-all").then().statusCode(200)
                .body("revoked", equalTo(0));

        List<String> rows = rows(subscriber, card, second, third);
        assertThat(rows).containsExactly(
                "bind pending card", "bind bound card",
                "use allowed card", "use payment_type_mismatch card", "use new_supplier card",
                "bind pending other-card", "bind already_bound other-card",
                "bind pending other-card", "bind payment_failed other-card",
                "delete removed card", "delete not_found -",
                "bind pending second", "bind bound second", "bind pending third", "bind bound third",
                "revoke_all removed second+third", "revoke_all removed second+third", "revoke_all none -");
        // the attempt with someone else's card is on the record too, under the caller's subscriber
        assertThat(rows(other, card, second, third)).containsExactly("use not_found card");

        for (String number : NUMBERS) {
            assertThat(Fixtures.count(ds, "SELECT count(*) FROM card_audit WHERE concat_ws(' ', client_id, subscriber, "
                    + "operation, card_ref, outcome) LIKE ?", "%" + number + "%")).as(number).isZero();
        }
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM card_audit WHERE concat_ws(' ', client_id, subscriber, "
                + "operation, card_ref, outcome) ~ '[0-9]{13,19}'")).as("no run of digits as long as a card number").isZero();
        assertThat(Fixtures.count(ds, "SELECT count(*) FROM card_audit a JOIN bound_card b ON a.card_ref = b.fingerprint "
                + "OR a.card_ref = ANY(b.fingerprints)")).as("no fingerprint").isZero();
    }

    /** "operation outcome reference", the reference named after the test's cards. */
    private List<String> rows(String subscriber, String card, String second, String third) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT operation, outcome, card_ref FROM card_audit WHERE subscriber = ? ORDER BY id")) {
            st.setString(1, subscriber);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String ref = rs.getString(3);
                    String name = ref == null ? "-" : ref.equals(card) ? "card"
                            : ref.equals(second) || ref.equals(third) ? (rs.getString(1).equals("revoke_all")
                            ? "second+third" : ref.equals(second) ? "second" : "third")
                            : ref.startsWith("card_") ? "other-card" : "unexpected " + ref;
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + name);
                }
            }
        }
        return rows;
    }
}
