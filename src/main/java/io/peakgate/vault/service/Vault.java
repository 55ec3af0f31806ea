package io.peakgate.vault.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Envelope encryption of card data with Google Tink. The keysets are read once at start-up (on the
 * main thread, never an event loop). Every ciphertext names its key, so after {@link #rotate} old
 * ciphertexts still open while new ones are sealed with the new primary key. Fingerprints are a
 * keyed HMAC, so equal cards can be found without keeping anything that reveals the number.
 */
@Startup
@Singleton
public class Vault {

    static final String AEAD_FILE = "aead.json";
    static final String MAC_FILE = "mac.json";
    private static final Logger LOG = Logger.getLogger(Vault.class);

    private final Aead aead;
    private final Mac mac;

    @Inject
    public Vault(VaultConfig config) {
        this(config.keysDir(), config.generateIfMissing());
    }

    Vault(Path keysDir, boolean generateIfMissing) {
        try {
            AeadConfig.register();
            MacConfig.register();
            this.aead = load(keysDir.resolve(AEAD_FILE), PredefinedAeadParameters.AES256_GCM, generateIfMissing)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.mac = load(keysDir.resolve(MAC_FILE), PredefinedMacParameters.HMAC_SHA256_256BITTAG, generateIfMissing)
                    .getPrimitive(RegistryConfiguration.get(), Mac.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The vault keysets cannot be used", e);
        }
    }

    /** Adds a fresh AES-256-GCM key to the keyset in {@code keysDir} and makes it primary; old keys stay. */
    public static int rotate(Path keysDir) throws GeneralSecurityException, IOException {
        Path file = keysDir.resolve(AEAD_FILE);
        KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
        KeysetHandle.Builder.Entry fresh = KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId().makePrimary();
        builder.addEntry(fresh);
        KeysetHandle rotated = builder.build();
        write(file, rotated);
        return rotated.getPrimary().getId();
    }

    private static KeysetHandle load(Path file, Parameters parameters, boolean generateIfMissing)
            throws GeneralSecurityException {
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            if (!generateIfMissing) {
                throw new IllegalStateException("No vault keyset at " + file
                        + " (mount one, or set peakgate.vault.generate-if-missing=true outside production)");
            }
            KeysetHandle fresh = KeysetHandle.generateNew(parameters);
            Files.createDirectories(file.toAbsolutePath().getParent());
            write(file, fresh);
            LOG.infof("Generated a new vault keyset at %s", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, KeysetHandle keyset) throws GeneralSecurityException, IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (the token it belongs to). */
    public byte[] seal(String plaintext, String context) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(byte[] ciphertext, String context) {
        try {
            return new String(aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /** A keyed fingerprint of a card number: equal numbers give equal fingerprints, nothing else is learnt. */
    public String fingerprint(String digits) {
        try {
            return HexFormat.of().formatHex(mac.computeMac(digits.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
    }
}
