package io.peakgate.vault.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * A stand-in for a cloud KMS in dev, test and the demo: {@code local-kms://<path>} names a file holding
 * a Tink AES-256-GCM keyset, the master key (key-encryption key) that the vault's keysets are encrypted
 * under. Like a KMS's root key it is the one plain secret; it lives outside {@code keys-dir} (the vault
 * refuses otherwise) and outside the repository. {@code local-kms:///var/lib/peakgate/vault-kek/master.json}
 * is an absolute path, {@code local-kms://target/test-vault-kek/master.json} a relative one.
 */
public final class LocalKmsClient implements KmsClient {

    public static final String PREFIX = "local-kms://";

    @Override
    public boolean doesSupport(String keyUri) {
        return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
        return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    /** Reads the master key file (a blocking read: call it at start-up or on a worker). */
    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
        Path file = path(keyUri);
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (IOException e) {
            throw new GeneralSecurityException("The vault's master key " + file + " cannot be read: " + e, e);
        }
    }

    /** The file a {@code local-kms://} URI names. */
    public static Path path(String keyUri) {
        if (!keyUri.startsWith(PREFIX) || keyUri.length() == PREFIX.length()) {
            throw new IllegalArgumentException("not a local-kms://<path> URI: " + keyUri);
        }
        return Path.of(keyUri.substring(PREFIX.length()));
    }

    /** Writes a fresh master key (owner-only file in an owner-only folder) unless one exists. */
    public static boolean generateIfMissing(String keyUri) throws GeneralSecurityException, IOException {
        Path file = path(keyUri);
        if (Files.exists(file)) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        VaultKeysets.writeAtomically(file, keyset);
        return true;
    }
}
