package io.peakgate.vault.service;

import io.agroal.api.AgroalDataSource;
import io.peakgate.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static io.peakgate.support.Api.writeAs;
import static io.peakgate.support.PaymentsApi.cards;
import static io.peakgate.support.PaymentsApi.saveCard;
import static io.peakgate.support.PaymentsApi.tokenBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A rotation written to the keyset files (as {@code bin/peakgate vault-rotate} does) reaches the running
 * gateway without a restart: new cards are sealed with the new key, cards saved before still pay, and a
 * card saved before the fingerprint (MAC) key rotated is still recognised as the same card.
 */
@QuarkusTest
class VaultRotationTest {

    private static final String PAN = "5555555555554444";

    @Inject
    AgroalDataSource ds;

    @Inject
    KeyRing vault;

    @Inject
    VaultConfig config;

    private static int keyId(byte[] ciphertext) {
        return ByteBuffer.wrap(Arrays.copyOfRange(ciphertext, 1, 5)).getInt();
    }

    @Test
    void aRotationOnDiskReachesTheRunningGatewayAndCardsSavedBeforeItStillWork() throws Exception {
        String account = Fixtures.esplusAccount(ds, "E-9", 1000);
        String subscriber = "rot-" + UUID.randomUUID();
        String before = saveCard(account, subscriber, PAN, "utilities");
        String oldFingerprint = (String) Fixtures.value(ds, "SELECT fingerprint FROM bound_card WHERE token = ?", before);
        int oldKey = keyId((byte[]) Fixtures.value(ds, "SELECT sealed FROM bound_card WHERE token = ?", before));

        KeyRing.Rotation rotation = KeyRing.rotate(config.keysDir(), config.kekUri().orElseThrow());
        assertThat(rotation.aeadPrimary()).isNotEqualTo(oldKey);
        // nobody tells the gateway: it notices the rewritten files itself
        await().atMost(Duration.ofSeconds(30)).until(() -> vault.primaryKeyId() == rotation.aeadPrimary());
        assertThat(vault.fingerprint(PAN)).as("the MAC key rotated too").isNotEqualTo(oldFingerprint);

        // the card sealed under the old key still pays
        writeAs(subscriber).body(tokenBody("esplus", account, "RUB", subscriber, before, "utilities")).when().post("/v1/payments").then().statusCode(201)
                .body("status", equalTo("succeeded")).body("card.last4", equalTo("4444"));
        // saving it again (fingerprinted under the new MAC key) finds the same card: no second binding
        assertThat(saveCard(account, subscriber, PAN, "utilities")).isEqualTo(before);
        cards(subscriber).then().body("size()", equalTo(1));
        // a card saved now is sealed with the new primary key
        String after = saveCard(account, subscriber, "2200000000000004", "utilities");
        assertThat(keyId((byte[]) Fixtures.value(ds, "SELECT sealed FROM bound_card WHERE token = ?", after)))
                .isEqualTo(rotation.aeadPrimary());
        cards(subscriber).then().body("size()", equalTo(2));
    }
}
