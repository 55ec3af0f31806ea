package io.peakgate.vault.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Envelope encryption of card data with Google Tink. The keysets ({@link VaultKeysets}: encrypted under
 * a KMS key) are read at start-up on the main thread and re-read on a worker whenever the files change,
 * so a rotation reaches running instances without a restart. Every ciphertext names its key, so after
 * {@link #rotate} old ciphertexts still open while new ones are sealed with the new primary key.
 * Fingerprints are a keyed HMAC, so equal cards can be found without keeping anything that reveals the
 * number; {@link #fingerprints} gives them under every MAC key, so a card fingerprinted before a MAC
 * rotation is still recognised after it.
 */
@Startup
@Singleton
public class KeyRing {

    static final String AEAD_FILE = VaultKeysets.AEAD_FILE;
    static final String MAC_FILE = VaultKeysets.MAC_FILE;
    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    /** One consistent generation of keys: swapped whole, so a reader never mixes two. */
    private record Keys(String version, int aeadPrimary, Aead aead, Mac mac, List<Mac> everyMac) {
    }

    /** The primary key ids after a rotation. */
    public record Rotation(int aeadPrimary, int macPrimary) {
    }

    private final VaultKeysets keysets;
    private volatile Keys keys;

    /** KmsClient beans (e.g. a producer of Tink's GcpKmsClient or AwsKmsClient) answer for their kek-uri. */
    @Inject
    public KeyRing(VaultConfig config, Instance<KmsClient> kmsClients) {
        this(keysets(config, kmsClients));
    }

    KeyRing(Path keysDir, String kekUri, boolean generateIfMissing) {
        this(new VaultKeysets(keysDir, kekUri, generateIfMissing));
    }

    private KeyRing(VaultKeysets keysets) {
        this.keysets = keysets;
        try {
            this.keys = load();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The vault keysets cannot be used", e);
        }
    }

    private static VaultKeysets keysets(VaultConfig config, Instance<KmsClient> kmsClients) {
        kmsClients.forEach(VaultKeysets::register);
        return new VaultKeysets(config.keysDir(), config.kekUri().orElse(null), config.generateIfMissing());
    }

    /**
     * Adds a fresh AES-256-GCM key and a fresh HMAC key to the keysets in {@code keysDir} and makes them
     * primary; old keys stay, so old ciphertexts open and old fingerprints still match.
     */
    public static Rotation rotate(Path keysDir, String kekUri) throws GeneralSecurityException, IOException {
        VaultKeysets keysets = new VaultKeysets(keysDir, kekUri, false);
        return new Rotation(keysets.rotate(AEAD_FILE, PredefinedAeadParameters.AES256_GCM),
                keysets.rotate(MAC_FILE, PredefinedMacParameters.HMAC_SHA256_256BITTAG));
    }

    /** Polls the keyset files (a worker thread); a change is loaded, a broken file is logged and ignored. */
    @Scheduled(every = "${peakgate.vault.reload-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reloadIfChanged();
    }

    /** Loads the keysets again if the files changed since they were last read; blocking. True when it did. */
    public synchronized boolean reloadIfChanged() {
        try {
            if (keysets.version().equals(keys.version())) {
                return false;
            }
            Keys fresh = load();
            keys = fresh;
            LOG.infof("KeyRing keysets reloaded: primary AEAD key %d, %d MAC key(s)", fresh.aeadPrimary(), fresh.everyMac().size());
            return true;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.errorf("The vault keysets changed on disk but cannot be used; keeping the current keys: %s", e.toString());
            return false;
        }
    }

    /**
     * Reads both keysets, tagged with the digest of the files they came from. Reading may rewrite the files
     * (a generated or migrated keyset) or race an admin's rewrite: it reads again until the digest holds still.
     */
    private Keys load() throws GeneralSecurityException {
        try {
            String version = keysets.version();
            for (int attempt = 0; ; attempt++) {
                KeysetHandle aead = keysets.load(AEAD_FILE, PredefinedAeadParameters.AES256_GCM);
                KeysetHandle mac = keysets.load(MAC_FILE, PredefinedMacParameters.HMAC_SHA256_256BITTAG);
                String after = keysets.version();
                if (after.equals(version) || attempt == 2) {
                    // after a last race the stale digest makes the next poll read the files again
                    return new Keys(version, aead.getPrimary().getId(),
                            aead.getPrimitive(RegistryConfiguration.get(), Aead.class),
                            mac.getPrimitive(RegistryConfiguration.get(), Mac.class), everyKey(mac));
                }
                version = after;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MAC per enabled key, the primary first: each computes fingerprints as that key did when it was primary. */
    private static List<Mac> everyKey(KeysetHandle keyset) throws GeneralSecurityException {
        List<Mac> macs = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (entry.getStatus() != KeyStatus.ENABLED) {
                continue;
            }
            Mac mac = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(entry.getKey()).withFixedId(entry.getId()).makePrimary())
                    .build().getPrimitive(RegistryConfiguration.get(), Mac.class);
            macs.add(entry.isPrimary() ? 0 : macs.size(), mac);
        }
        return List.copyOf(macs);
    }

    /** The id of the key new ciphertexts are sealed with. */
    public int primaryKeyId() {
        return keys.aeadPrimary();
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (the token it belongs to). */
    public byte[] seal(String plaintext, String context) {
        try {
            return keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(byte[] ciphertext, String context) {
        try {
            return new String(keys.aead().decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /** A keyed fingerprint of a card number under the primary MAC key: equal numbers give equal fingerprints. */
    public String fingerprint(String digits) {
        return fingerprint(keys.mac(), digits);
    }

    /** The card number's fingerprint under every MAC key, the primary key's first. */
    public List<String> fingerprints(String digits) {
        return keys.everyMac().stream().map(mac -> fingerprint(mac, digits)).toList();
    }

    private static String fingerprint(Mac mac, String digits) {
        try {
            return HexFormat.of().formatHex(mac.computeMac(digits.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
    }
}
