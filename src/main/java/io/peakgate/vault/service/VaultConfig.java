package io.peakgate.vault.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;

/** Where the vault's keys come from (secret files, never the repository) and how long tokens live. */
@ConfigMapping(prefix = "peakgate.vault")
public interface VaultConfig {

    /**
     * Folder of the Tink keysets: {@code aead.json} (AES-256-GCM, encrypts card numbers; rotated
     * by adding a primary key) and {@code mac.json} (HMAC-SHA256, fingerprints cards). Mount it
     * from a secret in production.
     */
    @WithName("keys-dir")
    Path keysDir();

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
