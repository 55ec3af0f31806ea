package io.peakgate.vault.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vault's keys: encrypted at rest under a master key, generated only where allowed, rotated without
 * losing old data (also in a running vault), fingerprints keyed and recognised across MAC rotations.
 */
class VaultTest {

    private static final String PAN = "5555555555554444";

    /** Tink's ciphertext prefix: one version byte, then the 4-byte id of the key that sealed it. */
    private static int keyId(byte[] ciphertext) {
        return ByteBuffer.wrap(Arrays.copyOfRange(ciphertext, 1, 5)).getInt();
    }

    private static String kek(Path dir) {
        return LocalKmsClient.PREFIX + dir.resolve("master.json");
    }

    @Test
    void sealsAndOpensBoundToItsContext(@TempDir Path keys, @TempDir Path master) {
        KeyRing vault = new KeyRing(keys, kek(master), true);
        byte[] sealed = vault.seal("4111111111111111", "card_a");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("4111111111111111");
        assertThat(vault.open(sealed, "card_a")).isEqualTo("4111111111111111");
        assertThatThrownBy(() -> vault.open(sealed, "card_b")).isInstanceOf(IllegalStateException.class);
        assertThat(Files.exists(keys.resolve("aead.json"))).isTrue();
        assertThat(Files.exists(keys.resolve("mac.json"))).isTrue();
        assertThat(Files.exists(master.resolve("master.json"))).isTrue();
    }

    @Test
    void keysetsAtRestAreEncryptedUnderTheMasterKey(@TempDir Path keys, @TempDir Path master, @TempDir Path other)
            throws Exception {
        new KeyRing(keys, kek(master), true);
        for (String file : new String[]{"aead.json", "mac.json"}) {
            String text = Files.readString(keys.resolve(file));
            assertThat(text).contains("encryptedKeyset");
            assertThatThrownBy(() -> TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get()))
                    .as(file + " is not a plaintext keyset").isInstanceOf(Exception.class);
        }
        // another master key cannot open them, nor can a vault that has none
        assertThatThrownBy(() -> new KeyRing(keys, kek(other), true)).hasMessageContaining("cannot be used");
        assertThatThrownBy(() -> new KeyRing(keys, null, false)).hasMessageContaining("kek-uri is not set");
    }

    @Test
    void plaintextKeysetsFoundOnDiskAreRewrittenEncryptedAndKeepWorking(@TempDir Path keys, @TempDir Path master)
            throws Exception {
        KeysetHandle aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        KeysetHandle mac = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
        Files.writeString(keys.resolve("aead.json"), TinkJsonProtoKeysetFormat.serializeKeyset(aead, InsecureSecretKeyAccess.get()));
        Files.writeString(keys.resolve("mac.json"), TinkJsonProtoKeysetFormat.serializeKeyset(mac, InsecureSecretKeyAccess.get()));
        byte[] old = aead.getPrimitive(RegistryConfiguration.get(), Aead.class)
                .encrypt(PAN.getBytes(StandardCharsets.UTF_8), "card_x".getBytes(StandardCharsets.UTF_8));
        String oldFingerprint = HexFormat.of().formatHex(mac.getPrimitive(RegistryConfiguration.get(), Mac.class)
                .computeMac(PAN.getBytes(StandardCharsets.UTF_8)));

        KeyRing vault = new KeyRing(keys, kek(master), true);
        assertThat(vault.open(old, "card_x")).isEqualTo(PAN);
        assertThat(vault.fingerprint(PAN)).isEqualTo(oldFingerprint);
        assertThat(Files.readString(keys.resolve("aead.json"))).contains("encryptedKeyset");
        assertThat(Files.readString(keys.resolve("mac.json"))).contains("encryptedKeyset");
        // the next start reads the encrypted files and needs nothing else
        assertThat(new KeyRing(keys, kek(master), false).open(old, "card_x")).isEqualTo(PAN);
    }

    @Test
    void aPlaintextKeysetThatCannotBeRewrittenIsRefused(@TempDir Path keys, @TempDir Path master) throws Exception {
        Files.writeString(keys.resolve("aead.json"), TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
        Files.createDirectory(keys.resolve("aead.json.tmp")); // the rewrite cannot land
        assertThatThrownBy(() -> new KeyRing(keys, kek(master), true)).hasMessageContaining("is plaintext")
                .hasMessageContaining("refusing it");
    }

    @Test
    void theMasterKeyMustNotLiveAmongTheKeysetsItEncrypts(@TempDir Path keys) {
        assertThatThrownBy(() -> new KeyRing(keys, kek(keys), true)).hasMessageContaining("must not be inside keys-dir");
    }

    @Test
    void aKmsUriWithoutARegisteredClientIsRefused(@TempDir Path keys) {
        assertThatThrownBy(() -> new KeyRing(keys, "gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k", false))
                .hasMessageContaining("cannot be used");
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndFingerprintsRecognised(@TempDir Path keys, @TempDir Path master)
            throws Exception {
        KeyRing before = new KeyRing(keys, kek(master), true);
        byte[] old = before.seal(PAN, "card_x");
        String fingerprint = before.fingerprint(PAN);
        KeyRing.Rotation rotation = KeyRing.rotate(keys, kek(master));
        KeyRing after = new KeyRing(keys, kek(master), false);
        assertThat(after.open(old, "card_x")).isEqualTo(PAN);
        byte[] fresh = after.seal(PAN, "card_x");
        assertThat(keyId(fresh)).isEqualTo(rotation.aeadPrimary()).isNotEqualTo(keyId(old));
        // the fingerprint key rotated too: new fingerprints differ, the old one is still among the card's
        assertThat(after.fingerprint(PAN)).isNotEqualTo(fingerprint);
        assertThat(after.fingerprints(PAN)).containsExactly(after.fingerprint(PAN), fingerprint);
        assertThat(Files.readString(keys.resolve("aead.json"))).contains("encryptedKeyset");
    }

    @Test
    void aRunningVaultPicksUpARotationFromDisk(@TempDir Path keys, @TempDir Path master) throws Exception {
        KeyRing running = new KeyRing(keys, kek(master), true);
        byte[] old = running.seal(PAN, "card_x");
        String fingerprint = running.fingerprint(PAN);
        assertThat(running.reloadIfChanged()).isFalse();
        KeyRing.Rotation rotation = KeyRing.rotate(keys, kek(master));
        assertThat(running.reloadIfChanged()).isTrue();
        assertThat(running.primaryKeyId()).isEqualTo(rotation.aeadPrimary());
        assertThat(keyId(running.seal(PAN, "card_x"))).isEqualTo(rotation.aeadPrimary());
        assertThat(running.open(old, "card_x")).isEqualTo(PAN);
        assertThat(running.fingerprints(PAN)).contains(fingerprint);
        assertThat(running.reloadIfChanged()).isFalse();
    }

    @Test
    void aBrokenKeysetOnDiskLeavesTheRunningKeysInPlace(@TempDir Path keys, @TempDir Path master) throws Exception {
        KeyRing running = new KeyRing(keys, kek(master), true);
        byte[] old = running.seal(PAN, "card_x");
        Files.writeString(keys.resolve("aead.json"), "{\"encryptedKeyset\":\"bm90IGEga2V5c2V0\"}");
        assertThat(running.reloadIfChanged()).isFalse();
        assertThat(running.open(running.seal(PAN, "card_y"), "card_y")).isEqualTo(PAN);
        assertThat(running.open(old, "card_x")).isEqualTo(PAN);
    }

    @Test
    void fingerprintsAreKeyed(@TempDir Path a, @TempDir Path b, @TempDir Path master) {
        KeyRing one = new KeyRing(a, LocalKmsClient.PREFIX + master.resolve("a.json"), true);
        KeyRing other = new KeyRing(b, LocalKmsClient.PREFIX + master.resolve("b.json"), true);
        assertThat(one.fingerprint("4111111111111111")).isEqualTo(one.fingerprint("4111111111111111"))
                .isNotEqualTo(one.fingerprint("4000000000000002"))
                .isNotEqualTo(other.fingerprint("4111111111111111"));
    }

    @Test
    void productionNeverInventsKeys(@TempDir Path empty, @TempDir Path master) throws Exception {
        assertThatThrownBy(() -> new KeyRing(empty, kek(master), false)).hasMessageContaining("No vault master key");
        LocalKmsClient.generateIfMissing(kek(master));
        assertThatThrownBy(() -> new KeyRing(empty, kek(master), false)).hasMessageContaining("No vault keyset");
    }
}
