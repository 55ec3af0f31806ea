package io.peakgate.vault.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault's keys: generated only where allowed, rotated without losing old data, fingerprints keyed. */
class VaultTest {

    /** Tink's ciphertext prefix: one version byte, then the 4-byte id of the key that sealed it. */
    private static int keyId(byte[] ciphertext) {
        return ByteBuffer.wrap(Arrays.copyOfRange(ciphertext, 1, 5)).getInt();
    }

    @Test
    void sealsAndOpensBoundToItsContext(@TempDir Path keys) {
        Vault vault = new Vault(keys, true);
        byte[] sealed = vault.seal("4111111111111111", "card_a");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("4111111111111111");
        assertThat(vault.open(sealed, "card_a")).isEqualTo("4111111111111111");
        assertThatThrownBy(() -> vault.open(sealed, "card_b")).isInstanceOf(IllegalStateException.class);
        assertThat(Files.exists(keys.resolve("aead.json"))).isTrue();
        assertThat(Files.exists(keys.resolve("mac.json"))).isTrue();
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndSealsNewOnesWithTheNewKey(@TempDir Path keys) throws Exception {
        Vault before = new Vault(keys, true);
        byte[] old = before.seal("5555555555554444", "card_x");
        String fingerprint = before.fingerprint("5555555555554444");
        int newPrimary = Vault.rotate(keys);
        Vault after = new Vault(keys, false);
        assertThat(after.open(old, "card_x")).isEqualTo("5555555555554444");
        byte[] fresh = after.seal("5555555555554444", "card_x");
        assertThat(keyId(fresh)).isEqualTo(newPrimary).isNotEqualTo(keyId(old));
        // the fingerprint key is separate: duplicates are still found after a rotation
        assertThat(after.fingerprint("5555555555554444")).isEqualTo(fingerprint);
    }

    @Test
    void fingerprintsAreKeyed(@TempDir Path a, @TempDir Path b) {
        Vault one = new Vault(a, true);
        Vault other = new Vault(b, true);
        assertThat(one.fingerprint("4111111111111111")).isEqualTo(one.fingerprint("4111111111111111"))
                .isNotEqualTo(one.fingerprint("4000000000000002"))
                .isNotEqualTo(other.fingerprint("4111111111111111"));
    }

    @Test
    void productionNeverInventsKeys(@TempDir Path empty) {
        assertThatThrownBy(() -> new Vault(empty, false)).hasMessageContaining("No vault keyset");
    }
}
