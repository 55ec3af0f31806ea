package io.peakgate.vault.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.mac.MacConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault's keyset files in {@code keys-dir}, each a Tink keyset encrypted under the key-encryption key
 * (KEK) that {@code kek-uri} names in a KMS (Tink's {@link KmsClients} registry). The keysets are never
 * plaintext on disk: a plaintext keyset found there (written by an older Peakgate) is read once and
 * rewritten encrypted, or refused when the folder cannot be written. All of it is blocking file and KMS
 * work: start-up or a worker only.
 */
final class VaultKeysets {

    static final String AEAD_FILE = "aead.json";
    static final String MAC_FILE = "mac.json";
    private static final Logger LOG = Logger.getLogger(VaultKeysets.class);
    private static final Set<KmsClient> REGISTERED = ConcurrentHashMap.newKeySet();

    static {
        try {
            AeadConfig.register();
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
        register(new LocalKmsClient());
    }

    private final Path keysDir;
    private final Aead kek;
    private final boolean generateIfMissing;

    VaultKeysets(Path keysDir, String kekUri, boolean generateIfMissing) {
        this.keysDir = keysDir;
        this.generateIfMissing = generateIfMissing;
        this.kek = kek(keysDir, kekUri, generateIfMissing);
    }

    /** Makes a KMS client (a cloud KMS's, or the local one) answer for the URIs it supports. */
    static void register(KmsClient client) {
        if (REGISTERED.add(client)) {
            KmsClients.add(client);
        }
    }

    private static Aead kek(Path keysDir, String configured, boolean generateIfMissing) {
        String kekUri = configured;
        if ((kekUri == null || kekUri.isBlank()) && generateIfMissing) {
            // where keys may be invented (never production), so may a local master key: beside keys-dir, not in it
            kekUri = LocalKmsClient.PREFIX + keysDir.toAbsolutePath().normalize() + "-kek/master.json";
        }
        if (kekUri == null || kekUri.isBlank()) {
            throw new IllegalStateException("peakgate.vault.kek-uri is not set: name the key-encryption key in a KMS "
                    + "(e.g. gcp-kms://projects/.../cryptoKeys/..., with its KmsClient registered) or, outside "
                    + "production, local-kms://<master key file outside " + keysDir + ">");
        }
        try {
            if (kekUri.startsWith(LocalKmsClient.PREFIX)) {
                Path master = LocalKmsClient.path(kekUri).toAbsolutePath().normalize();
                if (master.startsWith(keysDir.toAbsolutePath().normalize())) {
                    throw new IllegalStateException("The vault's master key " + master + " must not be inside keys-dir "
                            + keysDir + ": keep it apart from the keysets it encrypts");
                }
                if (generateIfMissing && LocalKmsClient.generateIfMissing(kekUri)) {
                    LOG.infof("Generated a new vault master key at %s", master);
                } else if (!Files.exists(master)) {
                    throw new IllegalStateException("No vault master key at " + master + " (mount it, or set "
                            + "peakgate.vault.generate-if-missing=true outside production)");
                }
            }
            return KmsClients.get(kekUri).getAead(kekUri);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The vault's key-encryption key " + kekUri + " cannot be used: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keyset in {@code file}: decrypted with the KEK, migrated when plaintext, generated where allowed. */
    KeysetHandle load(String file, Parameters parameters) throws GeneralSecurityException {
        Path path = keysDir.resolve(file);
        try {
            if (!Files.exists(path)) {
                if (!generateIfMissing) {
                    throw new IllegalStateException("No vault keyset at " + path
                            + " (mount one, or set peakgate.vault.generate-if-missing=true outside production)");
                }
                KeysetHandle fresh = KeysetHandle.generateNew(parameters);
                Files.createDirectories(path.toAbsolutePath().getParent());
                write(file, fresh);
                LOG.infof("Generated a new vault keyset at %s", path);
                return fresh;
            }
            String text = Files.readString(path);
            if (!text.contains("\"encryptedKeyset\"")) {
                return migrate(file, text);
            }
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(text, kek, associatedData(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plaintext keyset (the only read of one): rewritten encrypted in place, or refused when that fails. */
    private KeysetHandle migrate(String file, String plaintext) throws GeneralSecurityException {
        Path path = keysDir.resolve(file);
        KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(plaintext, InsecureSecretKeyAccess.get());
        try {
            write(file, keyset);
        } catch (IOException e) {
            throw new IllegalStateException("The vault keyset " + path + " is plaintext and cannot be rewritten "
                    + "encrypted there (" + e + "); refusing it. Start Peakgate (or bin/peakgate vault-rotate) once "
                    + "with a writable copy of keys-dir and the same kek-uri, and mount the encrypted files.", e);
        }
        LOG.warnf("The vault keyset %s was plaintext: rewritten encrypted under the key-encryption key", path);
        return keyset;
    }

    /** Adds a fresh key to the keyset in {@code file} and makes it primary; old keys stay. Returns its id. */
    int rotate(String file, Parameters parameters) throws GeneralSecurityException, IOException {
        KeysetHandle rotated = KeysetHandle.newBuilder(load(file, parameters))
                .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
                .build();
        write(file, rotated);
        return rotated.getPrimary().getId();
    }

    /** A digest of both files as they are now: it changes whenever either is rewritten. */
    String version() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : new String[]{AEAD_FILE, MAC_FILE}) {
                Path path = keysDir.resolve(file);
                digest.update(Files.exists(path) ? Files.readAllBytes(path) : new byte[0]);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String file, KeysetHandle keyset) throws GeneralSecurityException, IOException {
        writeAtomically(keysDir.resolve(file), TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek,
                associatedData(file)));
    }

    /** Binds each encrypted keyset to its role, so aead.json and mac.json cannot be swapped. */
    private static byte[] associatedData(String file) {
        return ("peakgate-vault/" + file).getBytes(StandardCharsets.UTF_8);
    }

    /** Owner-only file, replaced in one step so a reader never sees half of it. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
