package io.peakgate.vault.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the vault's keys come from (secret files, never the repository) and how long tokens live. */
@ConfigMapping(prefix = "peakgate.vault")
public interface VaultConfig {

    /**
     * Folder of the Tink keysets: {@code aead.json} (AES-256-GCM, encrypts card numbers) and
     * {@code mac.json} (HMAC-SHA256, fingerprints cards), each encrypted under the key-encryption key
     * {@link #kekUri()}. Rotated by adding a primary key ({@code bin/peakgate vault-rotate}); running
     * instances re-read the files every {@link #reloadEvery()}. Mount it from a secret in production.
     */
    @WithName("keys-dir")
    Path keysDir();

    /**
     * The key-encryption key, as a URI of Tink's {@code KmsClients} registry. Production names a KMS key
     * ({@code gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k}, {@code aws-kms://arn:aws:kms:...})
     * whose client is registered by a CDI bean producing a {@code com.google.crypto.tink.KmsClient}
     * (e.g. {@code new GcpKmsClient().withCredentials(file)} from {@code com.google.crypto.tink:tink-gcpkms},
     * or {@code new AwsKmsClient().withDefaultCredentials()} from {@code tink-awskms}). Dev, test and the demo use
     * {@code local-kms://<file>}: a master key in a plain local file (generated on first use where
     * {@link #generateIfMissing()}), which must lie outside {@link #keysDir()} and the repository; left unset
     * there, it is {@code local-kms://<keys-dir>-kek/master.json}. Production without it does not start.
     */
    @WithName("kek-uri")
    Optional<String> kekUri();

    /** How often running instances look for changed keyset files (a rotation); "off" disables it. */
    @WithName("reload-every")
    @WithDefault("5s")
    String reloadEvery();

    /** Create fresh keysets when none exist (demo, dev, tests only). */
    @WithName("generate-if-missing")
    @WithDefault("false")
    boolean generateIfMissing();

    /** Lifetime of a one-use card token. */
    @WithName("token-ttl")
    @WithDefault("PT15M")
    Duration tokenTtl();

    /** How long a bound card stays in the Redis cache (PostgreSQL keeps it for good). */
    @WithName("card-cache-ttl")
    @WithDefault("PT1H")
    Duration cardCacheTtl();
}
